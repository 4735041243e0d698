-- add table a
CREATE TABLE `a` (
  `id` bigint NOT NULL,
  `b_id` bigint,
  PRIMARY KEY (`id`)
);
-- add table b
CREATE TABLE `b` (
  `id` bigint NOT NULL,
  `a_id` bigint,
  PRIMARY KEY (`id`),
  CONSTRAINT `b_a` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`) ON UPDATE CASCADE
);
-- add table c
CREATE TABLE `c` (
  `id` bigint NOT NULL,
  `a_id` bigint,
  PRIMARY KEY (`id`),
  CONSTRAINT `c_a` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`)
);
-- add foreign key a_b to a
ALTER TABLE `a` ADD CONSTRAINT `a_b` FOREIGN KEY (`b_id`) REFERENCES `b` (`id`) ON DELETE CASCADE;
-- add view ab
CREATE VIEW `ab` AS select `a`.`id` AS `id` from `a` join `b` on `a`.`b_id` = `b`.`id`;
-- add view ab2
CREATE SQL SECURITY INVOKER VIEW `ab2` AS select `id` from `ab`;
-- reverse:
DROP VIEW `ab2`;
DROP VIEW `ab`;
ALTER TABLE `a` DROP FOREIGN KEY `a_b`;
DROP TABLE `c`;
DROP TABLE `b`;
DROP TABLE `a`;
