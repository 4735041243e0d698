-- add table scores
CREATE TABLE `scores` (
  `id` bigint NOT NULL,
  `points` int,
  PRIMARY KEY (`id`),
  CONSTRAINT `points_range` CHECK (`points` between 0 and 100) NOT ENFORCED,
  CONSTRAINT `points_set` CHECK (`points` is not null)
);
-- modify table users (copies the table: a new CHECK constraint is verified against every row)
ALTER TABLE `users`
  ADD CONSTRAINT `users_id_positive` CHECK (`id` > 0) NOT ENFORCED;
-- reverse:
ALTER TABLE `users`
  DROP CHECK `users_id_positive`;
DROP TABLE `scores`;
