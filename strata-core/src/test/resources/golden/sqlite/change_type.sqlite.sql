-- drop view cheap_items
DROP VIEW cheap_items;
-- drop index items_label on items
DROP INDEX items_label;
-- rebuild table items: create the new definition as new_items
CREATE TABLE new_items (
  id integer NOT NULL PRIMARY KEY,
  price numeric(10,2) NOT NULL,
  label text
);
-- rebuild table items: copy rows
INSERT INTO new_items (id, price, label) SELECT id, price, label FROM items;
-- rebuild table items: drop the old table
DROP TABLE items;
-- rebuild table items: rename new_items to items
ALTER TABLE new_items RENAME TO items;
-- create index items_label on items
CREATE INDEX items_label ON items (label);
-- create view cheap_items
CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 10;
