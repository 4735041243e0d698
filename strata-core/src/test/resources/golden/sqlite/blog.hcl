schema "main" {
}

table "users" {
  schema = schema.main
  column "id" {
    type           = integer
    auto_increment = true
  }
  column "email" {
    type = text
  }
  column "active" {
    type    = boolean
    default = true
  }
  primary_key {
    columns = [column.id]
  }
  index "users_email" {
    unique  = true
    columns = [column.email]
  }
}

table "posts" {
  schema = schema.main
  column "id" {
    type = integer
  }
  column "author_id" {
    type = integer
  }
  column "title" {
    type = varchar(200)
  }
  column "published_at" {
    type = datetime
    null = true
  }
  primary_key {
    columns = [column.id]
  }
  foreign_key "posts_author" {
    columns     = [column.author_id]
    ref_columns = [table.users.column.id]
    on_delete   = CASCADE
  }
  index "posts_recent" {
    on {
      column = column.published_at
      desc   = true
    }
    where = "published_at IS NOT NULL"
  }
  index "posts_title_lower" {
    on {
      expr = "lower(title)"
    }
  }
  check "title_not_empty" {
    expr = "length(title) > 0"
  }
}

view "published_posts" {
  schema = schema.main
  as     = "SELECT id, title FROM posts WHERE published_at IS NOT NULL"
}
