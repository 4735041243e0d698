-- modify table t
ALTER TABLE `t`
  MODIFY COLUMN `c` int NOT NULL AFTER `id`,
  ADD COLUMN `n` int AFTER `a`,
  RENAME COLUMN `b` TO `b2`,
  ALGORITHM=INSTANT;
-- reverse:
ALTER TABLE `t`
  RENAME COLUMN `b2` TO `b`,
  DROP COLUMN `n`,
  MODIFY COLUMN `c` int NOT NULL AFTER `b`;
