CREATE TABLE items (id integer PRIMARY KEY, price integer NOT NULL, label text);
CREATE INDEX items_label ON items (label);
CREATE VIEW cheap_items AS SELECT id FROM items WHERE price < 10;
