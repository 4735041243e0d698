package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One convergence test per Atlas PostgreSQL block kind, on the real server: the HCL is applied to a
 * fresh database and a second plan must be empty; then one attribute changes, the plan must hold
 * the expected statement, and after applying it a further plan must be empty again.
 */
class PostgresHclConvergenceTest {
  @TempDir Path tmp;

  private static final String HEAD = "schema \"public\" {}\n";

  private static final String TABLE_T =
      """
      table "t" {
        schema = schema.public
        column "id" {
          type = integer
        }
        column "n" {
          type = integer
          null = true
        }
        primary_key {
          columns = [column.id]
        }
      }
      """;

  private Plan apply(PgTestDatabase db, String hcl) throws Exception {
    Strata s = new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
    Path f = Files.createTempFile(tmp, "schema", ".hcl");
    Files.writeString(f, HEAD + hcl);
    Realm desired = s.load("file://" + f);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    Plan again = s.plan(s.inspect(db.url()), desired);
    assertEquals("", PlanText.sql(again), "second plan after:\n" + PlanText.sql(plan));
    return plan;
  }

  /**
   * Applies {@code v1} to a fresh database (converging), then {@code v2}, whose plan must contain
   * each expected statement (converging again); returns the second plan's SQL.
   */
  private String converge(String v1, String v2, String... expected) throws Exception {
    assertTrue(!v1.equals(v2), "the change must change the HCL");
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Plan first = apply(db, v1);
      assertTrue(!first.isEmpty(), "the first plan creates something");
      String sql = PlanText.sql(apply(db, v2));
      for (String e : expected) {
        assertTrue(sql.contains(e), "expected " + e + " in:\n" + sql);
      }
      return sql;
    }
  }

  @Test
  void enumGainsAValue() throws Exception {
    String v1 =
        """
        enum "status" {
          schema = schema.public
          values = ["new", "done"]
        }
        """;
    converge(
        v1,
        v1.replace("\"new\", \"done\"", "\"new\", \"busy\", \"done\""),
        "ALTER TYPE public.status ADD VALUE 'busy' AFTER 'new';");
  }

  @Test
  void domainCheckChanges() throws Exception {
    String v1 =
        """
        domain "posint" {
          schema = schema.public
          type   = integer
          null   = false
          check "positive" {
            expr = "VALUE > 0"
          }
        }
        """;
    converge(
        v1,
        v1.replace("VALUE > 0", "VALUE > 10"),
        "ALTER DOMAIN public.posint DROP CONSTRAINT positive;",
        "ALTER DOMAIN public.posint ADD CONSTRAINT positive CHECK ((VALUE > 10));");
  }

  @Test
  void compositeGainsAField() throws Exception {
    String v1 =
        """
        composite "pair" {
          schema = schema.public
          field "a" {
            type = integer
          }
        }
        """;
    converge(
        v1,
        v1.replace(
            "    type = integer\n  }\n",
            "    type = integer\n  }\n  field \"b\" {\n    type = text\n  }\n"),
        "ALTER TYPE public.pair ADD ATTRIBUTE b text;");
  }

  @Test
  void sequenceIncrementChanges() throws Exception {
    String v1 =
        """
        sequence "seq" {
          schema    = schema.public
          start     = 100
          increment = 1
        }
        """;
    converge(
        v1,
        v1.replace("increment = 1", "increment = 5"),
        "ALTER SEQUENCE public.seq AS bigint INCREMENT BY 5");
  }

  @Test
  void viewQueryChanges() throws Exception {
    String v1 =
        TABLE_T
            + """
            view "v" {
              schema = schema.public
              as     = "SELECT id FROM t"
            }
            """;
    converge(
        v1,
        v1.replace("SELECT id FROM t", "SELECT id, n FROM t"),
        "DROP VIEW public.v;",
        "CREATE VIEW public.v AS SELECT t.id,");
  }

  @Test
  void materializedIndexChanges() throws Exception {
    String v1 =
        TABLE_T
            + """
            materialized "mv" {
              schema = schema.public
              as     = "SELECT id, n FROM t"
              index "mv_n" {
                on {
                  expr = "n"
                }
              }
            }
            """;
    String sql =
        converge(
            v1,
            v1.replace("expr = \"n\"", "expr = \"n\"\n      desc = true"),
            "DROP INDEX public.mv_n;",
            "CREATE INDEX mv_n ON public.mv USING btree (n DESC);");
    assertTrue(!sql.contains("MATERIALIZED VIEW"), sql);
  }

  @Test
  void functionBodyChanges() throws Exception {
    String v1 =
        """
        function "add" {
          schema = schema.public
          lang   = SQL
          arg "a" {
            type = integer
          }
          arg "b" {
            type = integer
          }
          return = integer
          as     = "SELECT a + b"
        }
        """;
    converge(
        v1,
        v1.replace("SELECT a + b", "SELECT a + b + 1"),
        "CREATE OR REPLACE FUNCTION public.add(a integer, b integer)",
        "SELECT a + b + 1");
  }

  @Test
  void procedureBodyChanges() throws Exception {
    String v1 =
        TABLE_T
            + """
            procedure "bump" {
              schema = schema.public
              lang   = PLpgSQL
              arg "x" {
                type = integer
              }
              as = "BEGIN UPDATE t SET n = n + x; END"
            }
            """;
    converge(
        v1,
        v1.replace("n = n + x", "n = n + 2 * x"),
        "CREATE OR REPLACE PROCEDURE public.bump(IN x integer)",
        "n = n + 2 * x");
  }

  @Test
  void triggerEventsChange() throws Exception {
    String v1 =
        TABLE_T
            + """
            function "touch" {
              schema = schema.public
              lang   = PLpgSQL
              return = trigger
              as     = "BEGIN NEW.n := 0; RETURN NEW; END"
            }
            trigger "t_touch" {
              on = table.t
              before {
                insert = true
              }
              for = ROW
              as  = "EXECUTE FUNCTION touch()"
            }
            """;
    converge(
        v1,
        v1.replace("insert = true", "insert = true\n    update = true"),
        "DROP TRIGGER t_touch ON public.t;",
        "CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION"
            + " touch();");
  }

  @Test
  void extensionIsRemoved() throws Exception {
    String v1 =
        """
        extension "pg_trgm" {
          schema = schema.public
        }
        """;
    converge(v1, "", "DROP EXTENSION pg_trgm;");
  }

  @Test
  void policyExpressionChanges() throws Exception {
    String v1 =
        TABLE_T.replace(
                "  primary_key {", "  row_security {\n    enabled = true\n  }\n  primary_key {")
            + """
            policy "small_n" {
              on    = table.t
              for   = SELECT
              using = "n < 10"
            }
            """;
    converge(
        v1,
        v1.replace("n < 10", "n < 100"),
        "ALTER POLICY small_n ON public.t TO PUBLIC USING ((n < 100));");
  }

  @Test
  void partitionedTableGainsAColumn() throws Exception {
    String v1 =
        TABLE_T.replace(
            "  primary_key {",
            "  partition {\n    type    = RANGE\n    columns = [column.id]\n  }\n  primary_key {");
    converge(
        v1,
        v1.replace(
            "  partition {",
            "  column \"note\" {\n    type = text\n    null = true\n  }\n  partition {"),
        "ALTER TABLE public.t ADD COLUMN note text;");
  }

  @Test
  void identityGenerationChanges() throws Exception {
    String v1 =
        TABLE_T.replace(
            "    type = integer\n  }\n  column \"n\"",
            "    type = integer\n    identity {\n      generated = BY_DEFAULT\n    }\n  }\n  column \"n\"");
    converge(
        v1,
        v1.replace("BY_DEFAULT", "ALWAYS"),
        "ALTER TABLE public.t ALTER COLUMN id SET GENERATED ALWAYS;");
  }

  @Test
  void checkExpressionChanges() throws Exception {
    String v1 =
        TABLE_T.replace(
            "  primary_key {", "  check \"n_pos\" {\n    expr = \"n > 0\"\n  }\n  primary_key {");
    converge(
        v1,
        v1.replace("n > 0", "n >= 0"),
        "ALTER TABLE public.t DROP CONSTRAINT n_pos",
        "ADD CONSTRAINT n_pos CHECK ((n >= 0))");
  }

  @Test
  void exclusionGainsAWhereClause() throws Exception {
    String v1 =
        TABLE_T.replace(
            "  primary_key {",
            """
              column "during" {
                type = tsrange
              }
              exclude "no_overlap" {
                on {
                  column = column.during
                  op     = "&&"
                }
              }
              primary_key {""");
    converge(
        v1,
        v1.replace("op     = \"&&\"\n  }", "op     = \"&&\"\n  }\n  where = \"n > 0\""),
        "ALTER TABLE public.t DROP CONSTRAINT no_overlap",
        "ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE ((n > 0))");
  }

  /**
   * The way back: a database with the new object kinds is inspected and written as HCL; loading
   * that HCL and planning against the same database gives nothing to do.
   */
  @Test
  void inspectedDatabaseWrittenAsHclPlansNothing() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec(
          """
          CREATE TABLE rooms (id int PRIMARY KEY, owner text, during tsrange,
            CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (id > 0));
          ALTER TABLE rooms ENABLE ROW LEVEL SECURITY;
          CREATE POLICY mine ON rooms AS RESTRICTIVE FOR UPDATE TO postgres
            USING (owner = current_user) WITH CHECK (owner = current_setting('app.who'));
          COMMENT ON POLICY mine ON rooms IS 'owners only';
          CREATE POLICY readers ON rooms FOR SELECT USING (true);
          CREATE MATERIALIZED VIEW busy AS SELECT id, owner FROM rooms;
          CREATE UNIQUE INDEX busy_id ON busy (id);
          CREATE INDEX busy_owner ON busy (lower(owner) DESC) WHERE id > 10;
          CREATE INDEX busy_pattern ON busy (owner text_pattern_ops);
          """);
      Strata s =
          new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
      Realm inspected = s.inspect(db.url());
      String hcl = dev.strata.schemahcl.SchemaHclEncoder.encode(inspected, "postgres");
      assertTrue(hcl.contains("policy \"mine\""), hcl);
      assertTrue(hcl.contains("exclude \"no_overlap\""), hcl);
      assertTrue(hcl.contains("index \"busy_owner\""), hcl);
      Path f = Files.createTempFile(tmp, "inspected", ".hcl");
      Files.writeString(f, hcl);
      Plan plan = s.plan(s.inspect(db.url()), s.load("file://" + f));
      assertEquals("", PlanText.sql(plan), hcl);
    }
  }
}
