schema "main" {
}

table "users" {
  schema = schema.main
  column "id" {
    type = uuid
  }
  column "name" {
    type = varchar(255)
  }
  column "is_admin" {
    type    = boolean
    default = false
  }
  primary_key {
    columns = [column.id]
  }
}
