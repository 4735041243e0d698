-- drop column users.legacy
ALTER TABLE users DROP COLUMN legacy;
