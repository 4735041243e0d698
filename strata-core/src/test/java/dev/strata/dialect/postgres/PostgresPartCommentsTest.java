package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclEncoder;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comments on indexes and on primary key, unique, foreign key, check and exclusion constraints, on
 * the local PostgreSQL: inspected, created with the part, changed and removed in place with {@code
 * COMMENT ON INDEX/CONSTRAINT} (never by dropping the part), reversed, converging, kept through
 * HCL, and given back to a part that is built again. Before, they were silently ignored.
 */
class PostgresPartCommentsTest {
  @TempDir Path tmp;

  private static final String BASE =
      """
      CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE TABLE p (id int CONSTRAINT p_pk PRIMARY KEY);
      CREATE TABLE t (
        id int CONSTRAINT t_pk PRIMARY KEY,
        code text CONSTRAINT t_code_key UNIQUE,
        p_id int CONSTRAINT t_p_fk REFERENCES p (id),
        n int CONSTRAINT t_n_check CHECK (n > 0),
        r int4range,
        CONSTRAINT t_r_excl EXCLUDE USING gist (r WITH &&)
      );
      CREATE INDEX t_n_idx ON t (n);
      """;

  private static final String[] COMMENTS_V1 = {
    "COMMENT ON INDEX t_n_idx IS 'by n';",
    "COMMENT ON CONSTRAINT t_pk ON t IS 'the key';",
    "COMMENT ON CONSTRAINT t_code_key ON t IS 'one per code';",
    "COMMENT ON CONSTRAINT t_p_fk ON t IS 'owner';",
    "COMMENT ON CONSTRAINT t_n_check ON t IS 'positive';",
    "COMMENT ON CONSTRAINT t_r_excl ON t IS 'no overlap';",
  };

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String text, String ext) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ext);
    Files.writeString(f, text);
    return s.load("file://" + f);
  }

  /** Plans {@code desired}, applies it, checks the next plan is empty; returns the plan. */
  private Plan migrate(PgTestDatabase db, Realm desired) {
    Strata s = strata(db);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired)), PlanText.sql(plan));
    return plan;
  }

  @Test
  void indexAndConstraintCommentsAreSetChangedAndRemovedInPlace() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      String created =
          PlanText.sql(migrate(db, load(s, BASE + String.join("\n", COMMENTS_V1), ".sql")));
      for (String expected :
          new String[] {
            "COMMENT ON INDEX public.t_n_idx IS 'by n';",
            "COMMENT ON CONSTRAINT t_pk ON public.t IS 'the key';",
            "COMMENT ON CONSTRAINT t_code_key ON public.t IS 'one per code';",
            "COMMENT ON CONSTRAINT t_p_fk ON public.t IS 'owner';",
            "COMMENT ON CONSTRAINT t_n_check ON public.t IS 'positive';",
            "COMMENT ON CONSTRAINT t_r_excl ON public.t IS 'no overlap';",
          }) {
        assertTrue(created.contains(expected), expected + " in\n" + created);
      }
      assertEquals(
          "by n", queryString(db, "SELECT obj_description('t_n_idx'::regclass, 'pg_class')"));

      String v2 =
          BASE
              + """
              COMMENT ON INDEX t_n_idx IS 'n lookups';
              COMMENT ON CONSTRAINT t_pk ON t IS 'the key';
              COMMENT ON CONSTRAINT t_code_key ON t IS 'unique code';
              COMMENT ON CONSTRAINT t_p_fk ON t IS 'owner';
              COMMENT ON CONSTRAINT t_n_check ON t IS 'strictly positive';
              COMMENT ON CONSTRAINT t_r_excl ON t IS 'ranges apart';
              """;
      Plan changed = migrate(db, load(s, v2, ".sql"));
      String sql = PlanText.sql(changed);
      assertEquals(
          """
          -- comment on t_code_key of t
          COMMENT ON CONSTRAINT t_code_key ON public.t IS 'unique code';
          -- comment on t_n_check of t
          COMMENT ON CONSTRAINT t_n_check ON public.t IS 'strictly positive';
          -- comment on t_n_idx of t
          COMMENT ON INDEX public.t_n_idx IS 'n lookups';
          -- comment on t_r_excl of t
          COMMENT ON CONSTRAINT t_r_excl ON public.t IS 'ranges apart';
          """,
          sorted(sql));
      assertFalse(sql.contains("DROP"), sql);
      assertEquals(
          sorted(
              """
              COMMENT ON CONSTRAINT t_code_key ON public.t IS 'one per code';
              COMMENT ON INDEX public.t_n_idx IS 'by n';
              COMMENT ON CONSTRAINT t_n_check ON public.t IS 'positive';
              COMMENT ON CONSTRAINT t_r_excl ON public.t IS 'no overlap';
              """),
          sorted(PlanText.reverse(changed)));

      // The same state as HCL: the comments are written and plan nothing.
      String hcl = SchemaHclEncoder.encode(s.inspect(db.url()), "postgres");
      for (String c :
          new String[] {"n lookups", "the key", "unique code", "owner", "strictly positive"}) {
        assertTrue(hcl.matches("(?s).*comment += \"" + c + "\".*"), c + " in\n" + hcl);
      }
      assertTrue(hcl.contains("comment = \"ranges apart\""), hcl);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), load(s, hcl, ".hcl"))), hcl);

      // Changing the primary key and foreign key comments through HCL.
      String hcl2 =
          hcl.replace("\"the key\"", "\"identity\"").replace("\"owner\"", "\"belongs to\"");
      String viaHcl = PlanText.sql(migrate(db, load(s, hcl2, ".hcl")));
      assertEquals(
          """
          -- comment on t_p_fk of t
          COMMENT ON CONSTRAINT t_p_fk ON public.t IS 'belongs to';
          -- comment on t_pk of t
          COMMENT ON CONSTRAINT t_pk ON public.t IS 'identity';
          """,
          sorted(viaHcl));

      Plan removed = migrate(db, load(s, BASE, ".sql"));
      String rsql = PlanText.sql(removed);
      assertFalse(rsql.contains("DROP"), rsql);
      for (String part : new String[] {"t_pk", "t_code_key", "t_p_fk", "t_n_check", "t_r_excl"}) {
        assertTrue(
            rsql.contains("COMMENT ON CONSTRAINT " + part + " ON public.t IS NULL;"), part + rsql);
      }
      assertTrue(rsql.contains("COMMENT ON INDEX public.t_n_idx IS NULL;"), rsql);
      assertTrue(
          PlanText.reverse(removed).contains("COMMENT ON INDEX public.t_n_idx IS 'n lookups';"),
          PlanText.reverse(removed));
    }
  }

  @Test
  void rebuiltIndexAndCheckGetTheirCommentBack() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      String v1 =
          "CREATE TABLE t (id int PRIMARY KEY, n int CONSTRAINT t_n_check CHECK (n > 0));"
              + " CREATE INDEX t_n_idx ON t (n);"
              + " COMMENT ON INDEX t_n_idx IS 'by n';"
              + " COMMENT ON CONSTRAINT t_n_check ON t IS 'positive';";
      migrate(db, load(s, v1, ".sql"));
      String v2 =
          "CREATE TABLE t (id int PRIMARY KEY, n int CONSTRAINT t_n_check CHECK (n > 1));"
              + " CREATE INDEX t_n_idx ON t (n DESC);"
              + " COMMENT ON INDEX t_n_idx IS 'by n';"
              + " COMMENT ON CONSTRAINT t_n_check ON t IS 'positive';";
      Plan plan = migrate(db, load(s, v2, ".sql"));
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("DROP INDEX"), sql);
      assertTrue(sql.contains("DROP CONSTRAINT t_n_check"), sql);
      int create = sql.indexOf("CREATE INDEX t_n_idx");
      int comment = sql.indexOf("COMMENT ON INDEX public.t_n_idx IS 'by n';");
      assertTrue(create >= 0 && comment > create, sql);
      assertTrue(sql.contains("COMMENT ON CONSTRAINT t_n_check ON public.t IS 'positive';"), sql);
      String reverse = PlanText.reverse(plan);
      assertTrue(
          reverse.indexOf("COMMENT ON INDEX public.t_n_idx IS NULL;") >= 0
              && reverse.indexOf("COMMENT ON INDEX public.t_n_idx IS NULL;")
                  < reverse.indexOf("DROP INDEX public.t_n_idx;"),
          reverse);
      assertEquals(
          "by n", queryString(db, "SELECT obj_description('t_n_idx'::regclass, 'pg_class')"));
    }
  }

  @Test
  void renamedIndexGetsItsNewCommentAndConcurrentBuildIsCommentedAfterIt() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      migrate(
          db,
          load(
              s,
              "CREATE TABLE t (id int PRIMARY KEY, n int, m int); CREATE INDEX t_n ON t (n);"
                  + " COMMENT ON INDEX t_n IS 'old';",
              ".sql"));
      String hcl =
          """
          schema "public" {
          }
          table "t" {
            schema = schema.public
            column "id" {
              type = integer
            }
            column "n" {
              null = true
              type = integer
            }
            column "m" {
              null = true
              type = integer
            }
            primary_key {
              columns = [column.id]
            }
            index "t_n_idx" {
              columns      = [column.n]
              renamed_from = "t_n"
              comment      = "renamed"
            }
            index "t_m_idx" {
              columns = [column.m]
              comment = "built concurrently"
            }
          }
          """;
      Realm desired = load(s, hcl, ".hcl");
      Plan plan =
          s.plan(
              s.inspect(db.url()),
              desired,
              new dev.strata.project.DiffConfig(java.util.Set.of(), true, true));
      String sql = PlanText.sql(plan);
      assertEquals(
          """
          -- rename index t_n to t_n_idx
          ALTER INDEX public.t_n RENAME TO t_n_idx;
          -- comment on t_n_idx of t
          COMMENT ON INDEX public.t_n_idx IS 'renamed';
          -- add index t_m_idx to t concurrently
          -- strata:outside-transaction
          CREATE INDEX CONCURRENTLY t_m_idx ON public.t (m);
          -- comment on index t_m_idx
          -- strata:outside-transaction
          COMMENT ON INDEX public.t_m_idx IS 'built concurrently';
          """,
          sql.replaceAll("-- [^\\n]*outside[^\\n]*", "-- strata:outside-transaction"));
      s.apply(db.url(), plan, null);
      assertEquals(
          "built concurrently",
          queryString(db, "SELECT obj_description('t_m_idx'::regclass, 'pg_class')"));
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired)));
    }
  }

  private static String queryString(PgTestDatabase db, String sql) throws Exception {
    try (java.sql.Connection c = db.connect();
        java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * The statements of {@code sql} (comment line plus statement) sorted, for an order-free check.
   */
  private static String sorted(String sql) {
    String[] lines = sql.split("\n");
    java.util.List<String> pairs = new java.util.ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("-- ") && i + 1 < lines.length) {
        pairs.add(lines[i] + "\n" + lines[++i] + "\n");
      } else if (!lines[i].isBlank()) {
        pairs.add(lines[i] + "\n");
      }
    }
    java.util.Collections.sort(pairs);
    return String.join("", pairs);
  }
}
