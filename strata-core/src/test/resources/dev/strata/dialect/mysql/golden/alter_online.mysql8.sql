-- modify table users
ALTER TABLE `users`
  ADD COLUMN `email` varchar(255),
  ALGORITHM=INSTANT;
-- modify table posts
ALTER TABLE `posts`
  ADD UNIQUE INDEX `idx_title` (`title`(20)),
  ALGORITHM=INPLACE, LOCK=NONE;
-- modify table tags (copies the table: column score changes type, charset or generation)
ALTER TABLE `tags`
  ADD INDEX `idx_name` (`name`),
  MODIFY COLUMN `score` decimal(10,2) NOT NULL;
-- reverse:
ALTER TABLE `tags`
  MODIFY COLUMN `score` int,
  DROP INDEX `idx_name`;
ALTER TABLE `posts`
  DROP INDEX `idx_title`;
ALTER TABLE `users`
  DROP COLUMN `email`;
