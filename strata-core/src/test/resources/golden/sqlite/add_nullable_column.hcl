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
  column "nickname" {
    type = text
    null = true
  }
  column "score" {
    type    = integer
    default = 0
  }
  primary_key {
    columns = [column.id]
  }
}
