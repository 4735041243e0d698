-- modify table articles (copies the table: a FULLTEXT, SPATIAL or HASH index is not built online)
ALTER TABLE `articles`
  ADD FULLTEXT INDEX `ft_body` (`body`) WITH PARSER ngram;
-- reverse:
ALTER TABLE `articles`
  DROP INDEX `ft_body`;
