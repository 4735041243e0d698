CREATE TABLE users (
  id uuid NOT NULL,
  name varchar(255) NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  PRIMARY KEY (id)
);
