-- add table accounts
CREATE TABLE `accounts` (
  `id` bigint NOT NULL,
  `name` varchar(40),
  `uid` varchar(36) NOT NULL DEFAULT (uuid()),
  `secret` varchar(20) INVISIBLE COMMENT 'hidden',
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  CONSTRAINT `name_not_empty` CHECK (`name` <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='user accounts';
-- reverse:
DROP TABLE `accounts`;
