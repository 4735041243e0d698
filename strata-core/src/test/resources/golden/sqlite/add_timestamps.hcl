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
  column "created_at" {
    type    = timestamp
    default = sql("CURRENT_TIMESTAMP")
  }
  column "last_login" {
    type = timestamp
    null = true
  }
  primary_key {
    columns = [column.id]
  }
}
