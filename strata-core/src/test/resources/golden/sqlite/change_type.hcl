schema "main" {
}

table "items" {
  schema = schema.main
  column "id" {
    type = integer
  }
  column "price" {
    type = numeric(10, 2)
  }
  column "label" {
    type = text
    null = true
  }
  primary_key {
    columns = [column.id]
  }
  index "items_label" {
    columns = [column.label]
  }
}

view "cheap_items" {
  schema = schema.main
  as     = "SELECT id FROM items WHERE price < 10"
}
