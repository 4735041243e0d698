schema "main" {
}

table "users" {
  schema = schema.main
  column "id" {
    type = integer
  }
  column "name" {
    type = text
  }
  primary_key {
    columns = [column.id]
  }
}
