-- create table users
CREATE TABLE users (
  id integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  email text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
-- create index users_email on users
CREATE UNIQUE INDEX users_email ON users (email);
-- create table posts
CREATE TABLE posts (
  id integer NOT NULL PRIMARY KEY,
  author_id integer NOT NULL,
  title varchar(200) NOT NULL,
  published_at datetime,
  CONSTRAINT title_not_empty CHECK (length(title) > 0),
  CONSTRAINT posts_author FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE
);
-- create index posts_recent on posts
CREATE INDEX posts_recent ON posts (published_at DESC) WHERE published_at IS NOT NULL;
-- create index posts_title_lower on posts
CREATE INDEX posts_title_lower ON posts (lower(title));
-- create view published_posts
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE published_at IS NOT NULL;
