schema "main" {
}

table "kv" {
  schema        = schema.main
  strict        = true
  without_rowid = true
  column "k" {
    type = text
  }
  column "v" {
    type = blob
    null = true
  }
  primary_key {
    columns = [column.k]
  }
}
