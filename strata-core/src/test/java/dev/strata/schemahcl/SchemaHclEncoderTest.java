package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden tests: the exact HCL text the encoder writes. */
class SchemaHclEncoderTest {
  private static Table table(String name, List<Column> cols) {
    return new Table(name, cols, null, List.of(), List.of(), List.of(), null, Attrs.EMPTY);
  }

  private static String encode(Schema... schemas) {
    String hcl = SchemaHclEncoder.encode(new Realm(List.of(schemas)), "sqlite");
    assertEquals(new Realm(List.of(schemas)), Hcl.decode(hcl, Map.of()), "round trip of\n" + hcl);
    return hcl;
  }

  @Test
  void tablesColumnsAndKeys() {
    Table users =
        new Table(
            "users",
            List.of(
                new Column("id", "integer", false, null, true, null, null, null, Attrs.EMPTY),
                new Column(
                    "name",
                    "varchar(255)",
                    true,
                    "'it''s'",
                    false,
                    null,
                    "NOCASE",
                    "who",
                    Attrs.EMPTY),
                new Column("score", "decimal(10,2)", false, "0.5", false, null, null, null, null),
                new Column(
                    "created",
                    "datetime",
                    false,
                    "CURRENT_TIMESTAMP",
                    false,
                    null,
                    null,
                    null,
                    null),
                new Column(
                    "kind",
                    "int unsigned",
                    false,
                    "true",
                    false,
                    new Column.Generated("score * 2", "STORED"),
                    null,
                    null,
                    null)),
            new PrimaryKey(null, List.of(IndexPart.column("id"))),
            List.of(
                new Index("by_name", true, List.of(IndexPart.column("name")), "name <> ''", null),
                new Index(
                    "by_expr",
                    false,
                    List.of(
                        new IndexPart(null, "lower(name)", false, null),
                        new IndexPart("score", null, true, null)),
                    null,
                    null)),
            List.of(
                new ForeignKey(
                    "self",
                    List.of("kind"),
                    null,
                    "users",
                    List.of("id"),
                    "SET NULL",
                    "CASCADE",
                    null)),
            List.of(new Check("positive", "score > 0", null)),
            "all users",
            Attrs.of("strict", "true"));
    assertEquals(
        """
        schema "main" {
        }

        table "users" {
          schema  = schema.main
          comment = "all users"
          strict  = true
          column "id" {
            type           = integer
            auto_increment = true
          }
          column "name" {
            null    = true
            type    = varchar(255)
            default = "it's"
            collate = "NOCASE"
            comment = "who"
          }
          column "score" {
            type    = decimal(10, 2)
            default = 0.5
          }
          column "created" {
            type    = datetime
            default = sql("CURRENT_TIMESTAMP")
          }
          column "kind" {
            type    = sql("int unsigned")
            default = true
            as {
              expr = "score * 2"
              type = STORED
            }
          }
          primary_key {
            columns = [column.id]
          }
          index "by_name" {
            unique  = true
            where   = "name <> ''"
            columns = [column.name]
          }
          index "by_expr" {
            on {
              expr = "lower(name)"
            }
            on {
              column = column.score
              desc   = true
            }
          }
          foreign_key "self" {
            columns     = [column.kind]
            ref_columns = [table.users.column.id]
            on_update   = SET_NULL
            on_delete   = CASCADE
          }
          check "positive" {
            expr = "score > 0"
          }
        }
        """,
        encode(new Schema("main", List.of(users))));
  }

  @Test
  void viewsAndTriggers() {
    Table t = table("users", List.of(new Column("id", "int", false), new Column("n", "int", true)));
    View v = new View("ids", "SELECT id\nFROM users\n\nWHERE id > 0", null, Attrs.EMPTY);
    Trigger structured =
        new Trigger(
            "audit",
            "users",
            "CREATE TRIGGER \"audit\" AFTER UPDATE OF \"n\" ON \"users\" FOR EACH ROW WHEN"
                + " NEW.n > 0\nBEGIN\n  SELECT 1;\nEND",
            Attrs.EMPTY);
    Trigger raw =
        new Trigger(
            "raw", "users", "CREATE TRIGGER raw BEFORE DELETE ON users BEGIN SELECT 2; END", null);
    assertEquals(
        """
        schema "main" {
        }

        table "users" {
          schema = schema.main
          column "id" {
            type = int
          }
          column "n" {
            null = true
            type = int
          }
        }

        view "ids" {
          schema = schema.main
          as = <<-SQL
            SELECT id
            FROM users

            WHERE id > 0
          SQL
        }

        trigger "audit" {
          on   = table.users
          for  = ROW
          when = "NEW.n > 0"
          as = <<-SQL
            BEGIN
              SELECT 1;
            END
          SQL
          after {
            update_of = [column.n]
          }
        }

        trigger "raw" {
          on = table.users
          as = "CREATE TRIGGER raw BEFORE DELETE ON users BEGIN SELECT 2; END"
        }
        """,
        encode(new Schema("main", List.of(t), List.of(v), List.of(structured, raw), Attrs.EMPTY)));
  }

  @Test
  void sameTableNameInTwoSchemasGetsTwoLabels() {
    Table a = table("t", List.of(new Column("id", "int", false)));
    Table b =
        new Table(
            "t",
            List.of(new Column("id", "int", false)),
            null,
            List.of(),
            List.of(new ForeignKey("fk", List.of("id"), "a", "t", List.of("id"), null, null, null)),
            List.of(),
            null,
            null);
    Table odd = table("my table", List.of(new Column("first name", "text", false)));
    Table refOdd =
        new Table(
            "r",
            List.of(new Column("x", "text", false)),
            null,
            List.of(),
            List.of(
                new ForeignKey(
                    null, List.of("x"), "a", "my table", List.of("first name"), null, null, null)),
            List.of(),
            null,
            null);
    assertEquals(
        """
        schema "a" {
        }

        schema "b" {
        }

        table "a" "t" {
          schema = schema.a
          column "id" {
            type = int
          }
        }

        table "my table" {
          schema = schema.a
          column "first name" {
            type = text
          }
        }

        table "b" "t" {
          schema = schema.b
          column "id" {
            type = int
          }
          foreign_key "fk" {
            columns     = [column.id]
            ref_columns = [table.a.t.column.id]
          }
        }

        table "r" {
          schema = schema.b
          column "x" {
            type = text
          }
          foreign_key {
            columns     = [column.x]
            ref_columns = [table["my table"].column["first name"]]
          }
        }
        """,
        encode(new Schema("a", List.of(a, odd)), new Schema("b", List.of(b, refOdd))));
  }

  @Test
  void stringsAreEscaped() {
    Table t =
        new Table(
            "t",
            List.of(
                new Column(
                    "c", "text", false, "'a\"b\\c ${x} %{y}\nz'", false, null, null, null, null)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
    String hcl = encode(new Schema("main", List.of(t)));
    assertEquals(true, hcl.contains("default = \"a\\\"b\\\\c $${x} %%{y}\\nz\""), hcl);
  }
}
