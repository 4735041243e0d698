-- drop view ab2
DROP VIEW `ab2`;
-- drop view ab
DROP VIEW `ab`;
-- drop foreign key a_b of a dropped table
ALTER TABLE `a` DROP FOREIGN KEY `a_b`;
-- drop foreign key b_a of a dropped table
ALTER TABLE `b` DROP FOREIGN KEY `b_a`;
-- drop table c
DROP TABLE `c`;
-- drop table a
DROP TABLE `a`;
-- drop table b
DROP TABLE `b`;
-- reverse:
-- cannot be reversed: drop table b
-- cannot be reversed: drop table a
-- cannot be reversed: drop table c
-- cannot be reversed: drop foreign key b_a of a dropped table
-- cannot be reversed: drop foreign key a_b of a dropped table
CREATE VIEW `ab` AS select `a`.`id` AS `id` from `a` join `b` on `a`.`b_id` = `b`.`id`;
CREATE SQL SECURITY INVOKER VIEW `ab2` AS select `id` from `ab`;
