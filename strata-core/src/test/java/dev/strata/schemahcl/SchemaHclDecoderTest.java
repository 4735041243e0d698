package dev.strata.schemahcl;

import static dev.strata.schemahcl.Hcl.decode;
import static dev.strata.schemahcl.Hcl.tableBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.hcl.HclParser;
import dev.strata.model.Attrs;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaHclDecoderTest {
  private static Column column(String body) {
    return tableBody("column \"c\" {\n" + body + "\n}").columns().get(0);
  }

  @Test
  void minimalTable() {
    Realm realm =
        decode(
            """
            schema "main" {}
            table "users" {
              schema = schema.main
              column "id" {
                type = integer
              }
            }
            """);
    Table users =
        new Table(
            "users",
            List.of(new Column("id", "integer", false)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.EMPTY);
    assertEquals(new Realm(List.of(new Schema("main", List.of(users)))), realm);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "integer | integer",
        "varchar(255) | varchar(255)",
        "decimal(10, 2) | decimal(10,2)",
        "sql(\"USER_DEFINED\") | USER_DEFINED",
        "sql(\"int unsigned\") | int unsigned",
        "enum(\"a\", \"it's\") | enum('a','it''s')"
      })
  void columnTypes(String hcl, String type) {
    assertEquals(type, column("type = " + hcl).type());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "\"abc\" | 'abc'",
        "\"it's\" | 'it''s'",
        "\"\" | ''",
        "0 | 0",
        "1.50 | 1.50",
        "-1 | -1",
        "true | true",
        "false | false",
        "sql(\"CURRENT_TIMESTAMP\") | CURRENT_TIMESTAMP",
        "sql(\"(datetime('now'))\") | (datetime('now'))"
      })
  void columnDefaults(String hcl, String sql) {
    assertEquals(sql, column("type = text\ndefault = " + hcl).defaultExpr());
  }

  @Test
  void columnsAreNotNullUnlessNullIsTrue() {
    assertFalse(column("type = int").nullable());
    assertFalse(column("type = int\nnull = false").nullable());
    assertTrue(column("type = int\nnull = true").nullable());
  }

  @Test
  void columnAttributes() {
    Column c =
        column(
            "type = integer\nauto_increment = true\ncomment = \"the id\"\ncollate = \"NOCASE\"\n"
                + "default = null");
    assertEquals(
        new Column("c", "integer", false, null, true, null, "NOCASE", "the id", Attrs.EMPTY), c);
  }

  @Test
  void generatedColumns() {
    assertEquals(
        new Column.Generated("a+b", "VIRTUAL"), column("type = int\nas = \"a+b\"").generated());
    assertEquals(
        new Column.Generated("2", "STORED"),
        column("type = int\nas {\n expr = \"2\"\n type = STORED\n}").generated());
    assertEquals(
        new Column.Generated("3", "VIRTUAL"),
        column("type = int\nas {\n expr = \"3\"\n type = \"virtual\"\n}").generated());
    assertEquals(
        new Column.Generated("4", "VIRTUAL"),
        column("type = int\nas {\n expr = \"4\"\n}").generated());
  }

  @Test
  void tableAttributes() {
    Table t =
        tableBody(
            "comment = \"users\"\nstrict = true\nwithout_rowid = true\ncolumn \"id\" {\n type = int\n}");
    assertEquals("users", t.comment());
    assertEquals(Attrs.of("strict", "true", "without_rowid", "true"), t.attrs());
    assertEquals(Attrs.EMPTY, tableBody("strict = false\ncolumn \"id\" {\n type = int\n}").attrs());
  }

  private static final String COLS =
      "column \"a\" {\n type = int\n}\ncolumn \"b\" {\n type = int\n}\n";

  @Test
  void primaryKeys() {
    assertEquals(
        new PrimaryKey(null, List.of(IndexPart.column("a"), IndexPart.column("b"))),
        tableBody(COLS + "primary_key {\n columns = [column.a, table.t.column.b]\n}").primaryKey());
    assertEquals(
        new PrimaryKey("pk", List.of(new IndexPart("a", null, true, Attrs.EMPTY))),
        tableBody(COLS + "primary_key \"pk\" {\n on {\n column = column.a\n desc = true\n }\n}")
            .primaryKey());
  }

  @Test
  void indexes() {
    Table t =
        tableBody(
            COLS
                + """
                index "i1" {
                  unique  = true
                  columns = [column.a, column.b]
                }
                index "i2" {
                  on {
                    column = column.a
                    desc   = true
                  }
                  on {
                    expr = "lower(b)"
                  }
                  where = "a > 0"
                }
                """);
    assertEquals(
        List.of(
            new Index(
                "i1", true, List.of(IndexPart.column("a"), IndexPart.column("b")), null, null),
            new Index(
                "i2",
                false,
                List.of(
                    new IndexPart("a", null, true, Attrs.EMPTY),
                    new IndexPart(null, "lower(b)", false, Attrs.EMPTY)),
                "a > 0",
                null)),
        t.indexes());
  }

  @Test
  void foreignKeys() {
    Realm realm =
        decode(
            """
            schema "main" {}
            table "users" {
              schema = schema.main
              column "id" {
                type = integer
              }
            }
            table "posts" {
              schema = schema.main
              column "author" {
                type = integer
              }
              column "parent" {
                type = integer
              }
              foreign_key "author_fk" {
                columns     = [column.author]
                ref_columns = [table.users.column.id]
                on_update   = NO_ACTION
                on_delete   = "SET NULL"
              }
              foreign_key "parent_fk" {
                columns     = [column.parent]
                ref_columns = [column.author]
                on_delete   = set_default
              }
            }
            """);
    assertEquals(
        List.of(
            new ForeignKey(
                "author_fk",
                List.of("author"),
                null,
                "users",
                List.of("id"),
                "NO ACTION",
                "SET NULL",
                null),
            new ForeignKey(
                "parent_fk",
                List.of("parent"),
                null,
                "posts",
                List.of("author"),
                null,
                "SET DEFAULT",
                null)),
        realm.schemas().get(0).tables().get(1).foreignKeys());
  }

  @Test
  void checks() {
    Table t =
        tableBody(
            COLS + "check \"positive\" {\n expr = \"a > 0\"\n}\ncheck {\n expr = \"b < a\"\n}");
    assertEquals("positive", t.checks().get(0).name());
    assertEquals("a > 0", t.checks().get(0).expr());
    assertNull(t.checks().get(1).name());
    assertEquals("b < a", t.checks().get(1).expr());
  }

  @Test
  void views() {
    Schema s =
        decode(
                """
                schema "main" {}
                table "users" {
                  schema = schema.main
                  column "id" {
                    type = int
                  }
                }
                view "ids" {
                  schema     = schema.main
                  comment    = "all ids"
                  depends_on = [table.users]
                  column "id" {
                    type = int
                  }
                  as = <<-SQL
                    SELECT id
                    FROM users
                  SQL
                }
                """)
            .schemas()
            .get(0);
    assertEquals(
        List.of(new dev.strata.model.View("ids", "SELECT id\nFROM users", "all ids", null)),
        s.views());
  }

  @Test
  void twoLabelTablesAndQualifiedReferences() {
    Realm realm =
        decode(
            """
            schema "a" {}
            schema "b" {}
            table "a" "users" {
              column "id" {
                type = int
              }
            }
            table "b" "users" {
              schema = schema.b
              column "id" {
                type = int
              }
              foreign_key "fk" {
                columns     = [column.id]
                ref_columns = [table.a.users.column.id]
              }
            }
            """);
    ForeignKey fk = realm.schema("b").orElseThrow().tables().get(0).foreignKeys().get(0);
    assertEquals("a", fk.refSchema());
    assertEquals("users", fk.refTable());
    assertEquals(1, realm.schema("a").orElseThrow().tables().size());
  }

  @Test
  void tablesWithoutSchemaGoToTheOnlySchema() {
    Realm realm =
        decode("table \"t\" {\n column \"c\" {\n type = int\n }\n}\nschema \"main\" {\n}\n");
    assertEquals("t", realm.schema("main").orElseThrow().tables().get(0).name());
  }

  @Test
  void variablesLocalsAndTemplates() {
    String hcl =
        """
        variable "prefix" {
          type = string
        }
        variable "size" {
          type    = number
          default = 64
        }
        variable "strict" {
          type    = bool
          default = false
        }
        locals {
          suffix = "users"
          name   = "${var.prefix}_${local.suffix}"
        }
        schema "main" {}
        table "t" {
          schema = schema.main
          strict = var.strict
          column "name" {
            type    = varchar(var.size)
            default = local.name
            comment = "size ${var.size * 2}"
          }
        }
        """;
    Table t =
        Hcl.decode(hcl, Map.of("prefix", "app", "strict", "true")).schemas().get(0).tables().get(0);
    Column c = t.columns().get(0);
    assertEquals("varchar(64)", c.type());
    assertEquals("'app_users'", c.defaultExpr());
    assertEquals("size 128", c.comment());
    assertEquals(Attrs.of("strict", "true"), t.attrs());
  }

  @Test
  void multipleFilesFormOneDocument() {
    Realm realm =
        SchemaHclDecoder.decode(
            List.of(
                HclParser.parse(
                    "table \"users\" {\n schema = schema.main\n column \"id\" {\n type = int\n }\n}\n",
                    "users.hcl"),
                HclParser.parse("schema \"main\" {\n}\n", "schema.hcl")),
            Map.of(),
            "sqlite");
    assertEquals(
        List.of("users"), realm.schemas().get(0).tables().stream().map(Table::name).toList());
  }

  @Test
  void decodeSourcesParsesEachFile() {
    Realm realm =
        SchemaHclDecoder.decodeSources(
            new java.util.LinkedHashMap<>(Map.of("a.hcl", "schema \"main\" {}\n")),
            Map.of(),
            "sqlite");
    assertEquals("main", realm.schemas().get(0).name());
  }
}
