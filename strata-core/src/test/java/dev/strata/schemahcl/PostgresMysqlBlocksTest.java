package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Column;
import dev.strata.model.Index;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostgreSQL and MySQL specific blocks, {@code renamed_from}, and their round trips. */
class PostgresMysqlBlocksTest {
  private static Realm decode(String hcl, String dialect) {
    return SchemaHclDecoder.decodeSources(Map.of("s.hcl", hcl), Map.of(), dialect);
  }

  private static void roundTrip(Realm realm, String dialect) {
    String text = SchemaHclEncoder.encode(realm, dialect);
    assertEquals(realm, decode(text, dialect), text);
  }

  @Test
  void renamedFromIsDecodedAndNeverEncoded() {
    Realm r =
        decode(
            """
            schema "main" {}
            table "users" {
              schema = schema.main
              renamed_from = "people"
              column "id" {
                type = integer
                renamed_from = "pid"
              }
              index "users_id" {
                columns = [column.id]
                renamed_from = "people_id"
              }
            }
            """,
            "sqlite");
    Table t = r.schemas().get(0).tables().get(0);
    assertEquals("people", t.attrs().get("renamed_from"));
    assertEquals("pid", t.columns().get(0).attrs().get("renamed_from"));
    assertEquals("people_id", t.indexes().get(0).attrs().get("renamed_from"));
    assertTrue(!SchemaHclEncoder.encode(r, "sqlite").contains("renamed_from"));
  }

  @Test
  void postgresObjects() {
    String hcl =
        """
        schema "public" {}
        enum "status" {
          schema = schema.public
          values = ["active", "inactive"]
        }
        domain "posint" {
          schema = schema.public
          type = integer
          null = false
          check "positive" {
            expr = "VALUE > 0"
          }
        }
        composite "pair" {
          schema = schema.public
          field "a" {
            type = integer
          }
        }
        sequence "seq" {
          schema = schema.public
          start = 1
          increment = 5
          cache = 1
          owner = table.users.column.id
        }
        extension "hstore" {
          schema = schema.public
          version = "1.8"
        }
        function "add" {
          schema = schema.public
          lang = SQL
          arg "a" {
            type = integer
          }
          arg "b" {
            type = integer
          }
          return = integer
          as = "SELECT a + b"
        }
        table "users" {
          schema = schema.public
          unlogged = true
          column "id" {
            type = bigint
            identity {
              generated = ALWAYS
              start = 10
              increment = 10
            }
          }
          column "status" {
            type = enum.status
          }
          unique "users_status" {
            columns = [column.status]
            include = [column.id]
            nulls_distinct = false
          }
          index "users_gin" {
            type = GIN
            on {
              column = column.status
              ops = enum_ops
            }
          }
          partition {
            type = RANGE
            columns = [column.id]
          }
          row_security {
            enabled = true
          }
        }
        materialized "mv" {
          schema = schema.public
          as = "SELECT 1"
        }
        """;
    Realm r = decode(hcl, "postgres");
    Schema s = r.schemas().get(0);
    assertEquals(
        new SchemaObject.EnumType("status", List.of("active", "inactive"), null),
        s.object("enum", "status").orElseThrow());
    SchemaObject.Sequence seq = (SchemaObject.Sequence) s.object("sequence", "seq").orElseThrow();
    assertEquals(null, seq.start());
    assertEquals(5L, seq.increment());
    assertEquals(null, seq.cache());
    assertEquals("users.id", seq.ownedBy());
    SchemaObject.Routine f =
        (SchemaObject.Routine) s.object("function", "add(integer, integer)").orElseThrow();
    assertTrue(
        f.definition().startsWith("CREATE OR REPLACE FUNCTION public.add(a integer, b integer)"));
    Table t = s.tables().get(0);
    assertEquals("true", t.attrs().get("unlogged"));
    assertEquals("true", t.attrs().get("rls"));
    assertEquals("RANGE (id)", t.attrs().get("partition_by"));
    Column id = t.columns().get(0);
    assertEquals("ALWAYS", id.attrs().get("identity"));
    assertEquals("10", id.attrs().get("identity_start"));
    assertEquals("10", id.attrs().get("identity_increment"));
    assertEquals("status", t.columns().get(1).type());
    Index u = t.indexes().get(0);
    assertTrue(u.unique());
    assertEquals("true", u.attrs().get("constraint"));
    assertEquals("id", u.attrs().get("include"));
    assertEquals("true", u.attrs().get("nulls_not_distinct"));
    Index g = t.indexes().get(1);
    assertEquals("gin", g.attrs().get("method"));
    assertEquals("enum_ops", g.parts().get(0).attrs().get("opclass"));
    assertEquals("true", s.views().get(0).attrs().get("materialized"));
    roundTrip(r, "postgres");
  }

  @Test
  void materializedViewIndexes() {
    Realm r =
        decode(
            """
            schema "public" {}
            materialized "mv" {
              schema = schema.public
              as     = "SELECT 1 AS a, 2 AS b"
              index "mv_b" {
                type  = GIN
                where = "a > 0"
                on {
                  expr = "lower(b::text)"
                  desc = true
                }
                on {
                  expr = "a"
                }
              }
              index "mv_a" {
                unique = true
                on {
                  column = column.a
                }
              }
              index "mv_odd" {
                as = "CREATE INDEX mv_odd ON public.mv USING btree (b text_pattern_ops)"
              }
            }
            """,
            "postgres");
    assertEquals(
        "CREATE UNIQUE INDEX mv_a ON public.mv (a);\n"
            + "CREATE INDEX mv_b ON public.mv USING gin ((lower(b::text)) DESC, a)"
            + " WHERE (a > 0);\n"
            + "CREATE INDEX mv_odd ON public.mv USING btree (b text_pattern_ops)",
        r.schemas().get(0).views().get(0).attrs().get("indexes"));
    String text = SchemaHclEncoder.encode(r, "postgres");
    assertTrue(text.contains("as = \"CREATE INDEX mv_odd"), text);
    roundTrip(r, "postgres");
  }

  @Test
  void exclusionConstraints() {
    Realm r =
        decode(
            """
            schema "public" {}
            table "rooms" {
              schema = schema.public
              column "room" {
                type = integer
              }
              column "during" {
                type = tsrange
              }
              exclude "no_double_booking" {
                type  = GIST
                where = "room > 0"
                on {
                  column = column.room
                  op     = "="
                }
                on {
                  expr = "upper(during)"
                  op   = "<>"
                }
              }
              exclude "odd" {
                as = "EXCLUDE USING gist (room WITH =) DEFERRABLE"
              }
            }
            """,
            "postgres");
    Table t = r.schemas().get(0).tables().get(0);
    assertEquals(
        "EXCLUDE USING gist (room WITH =, (upper(during)) WITH <>) WHERE (room > 0)",
        t.checks().get(0).expr());
    assertEquals("true", t.checks().get(0).attrs().get("exclusion"));
    String text = SchemaHclEncoder.encode(r, "postgres");
    assertTrue(text.contains("exclude \"no_double_booking\""), text);
    assertTrue(!text.contains("check \""), text);
    roundTrip(r, "postgres");
  }

  @Test
  void mysqlIndexTypesAndExtras() {
    Realm r =
        decode(
            """
            schema "app" {
              charset = "utf8mb4"
            }
            table "t" {
              schema = schema.app
              engine = InnoDB
              row_format = DYNAMIC
              column "n" {
                type = int
                unsigned = true
              }
              column "body" {
                type = text
              }
              index "ft" {
                type = FULLTEXT
                columns = [column.body]
              }
              index "h" {
                type = HASH
                columns = [column.n]
              }
            }
            """,
            "mysql");
    Table t = r.schemas().get(0).tables().get(0);
    assertEquals("DYNAMIC", t.attrs().get("row_format"));
    assertEquals("true", t.columns().get(0).attrs().get("unsigned"));
    assertEquals("FULLTEXT", t.indexes().get(0).attrs().get("index_type"));
    assertEquals("HASH", t.indexes().get(1).attrs().get("using"));
    roundTrip(r, "mysql");
  }
}
