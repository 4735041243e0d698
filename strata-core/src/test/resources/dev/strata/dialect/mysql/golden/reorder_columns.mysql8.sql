-- modify table t (copies the table online, writes continue: column c moves)
ALTER TABLE `t`
  MODIFY COLUMN `c` int NOT NULL AFTER `id`,
  ADD COLUMN `n` int AFTER `a`,
  RENAME COLUMN `b` TO `b2`,
  ALGORITHM=INPLACE, LOCK=NONE;
-- reverse:
ALTER TABLE `t`
  RENAME COLUMN `b2` TO `b`,
  DROP COLUMN `n`,
  MODIFY COLUMN `c` int NOT NULL AFTER `b`;
