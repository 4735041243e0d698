-- add column users.nickname
ALTER TABLE users ADD COLUMN nickname text;
-- add column users.score
ALTER TABLE users ADD COLUMN score integer NOT NULL DEFAULT 0;
