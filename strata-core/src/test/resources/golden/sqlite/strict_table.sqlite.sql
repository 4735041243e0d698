-- create table kv
CREATE TABLE kv (
  k text NOT NULL PRIMARY KEY,
  v blob
) STRICT, WITHOUT ROWID;
