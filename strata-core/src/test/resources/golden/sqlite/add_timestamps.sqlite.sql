-- rebuild table users: create the new definition as new_users
CREATE TABLE new_users (
  id uuid NOT NULL PRIMARY KEY,
  name varchar(255) NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_login timestamp
);
-- rebuild table users: copy rows
INSERT INTO new_users (id, name, is_admin) SELECT id, name, is_admin FROM users;
-- rebuild table users: drop the old table
DROP TABLE users;
-- rebuild table users: rename new_users to users
ALTER TABLE new_users RENAME TO users;
