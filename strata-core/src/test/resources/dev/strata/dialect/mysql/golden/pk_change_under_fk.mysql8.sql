-- drop foreign keys of posts that reference a primary key this plan changes
ALTER TABLE `posts`
  DROP FOREIGN KEY `posts_author_fk`;
-- modify table users (copies the table: dropping the primary key rebuilds the table)
ALTER TABLE `users`
  ADD COLUMN `tenant_id` int NOT NULL,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (`tenant_id`, `user_id`);
-- modify table posts (copies the table: adding a checked foreign key)
ALTER TABLE `posts`
  ADD CONSTRAINT `posts_author_fk` FOREIGN KEY (`author_tenant_id`, `author_id`) REFERENCES `users` (`tenant_id`, `user_id`),
  ADD COLUMN `author_tenant_id` int;
-- reverse:
ALTER TABLE `posts`
  DROP COLUMN `author_tenant_id`,
  DROP FOREIGN KEY `posts_author_fk`;
ALTER TABLE `users`
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (`user_id`),
  DROP COLUMN `tenant_id`;
ALTER TABLE `posts`
  ADD CONSTRAINT `posts_author_fk` FOREIGN KEY (`author_id`) REFERENCES `users` (`user_id`);
