-- create table users
CREATE TABLE users (
  id uuid NOT NULL PRIMARY KEY,
  name varchar(255) NOT NULL,
  is_admin boolean NOT NULL DEFAULT false
);
