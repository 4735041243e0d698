package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.apply.ApplyException;
import dev.strata.lint.Code;
import dev.strata.lint.Diagnostic;
import dev.strata.lint.impact.Impact;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanFile;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import dev.strata.project.DiffConfig;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff { concurrent_index { create = true drop = true } }} on the local PostgreSQL: indexes
 * of existing tables are built and dropped CONCURRENTLY after the transactional part commits,
 * indexes of new tables stay plain, rows are untouched, and an index left INVALID by a failed
 * concurrent build is dropped and rebuilt by the next plan.
 */
class PostgresConcurrentIndexTest {
  private static final DiffConfig CONCURRENT = new DiffConfig(Set.of(), true, true);

  @TempDir Path tmp;

  private static Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String sql) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ".sql");
    Files.writeString(f, sql);
    return s.load("file://" + f);
  }

  private static String query(PgTestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** {@code true}/{@code false} for pg_index.indisvalid, null when the index does not exist. */
  private static String valid(PgTestDatabase db, String index) throws Exception {
    return query(
        db,
        "SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " WHERE c.relname = '"
            + index
            + "'");
  }

  private static final String BEFORE =
      "CREATE TABLE t (id int PRIMARY KEY, email text, n int);"
          + "CREATE INDEX t_n ON t (n);"
          + "CREATE INDEX t_old ON t (email, n);";

  private static final String AFTER =
      "CREATE TABLE t (id int PRIMARY KEY, email text, n int);"
          + "CREATE INDEX t_email ON t (email);"
          + "CREATE INDEX t_old ON t (n, email);"
          + "CREATE TABLE u (id int PRIMARY KEY, x int);"
          + "CREATE INDEX u_x ON u (x);";

  @Test
  void existingTablesGetConcurrentStatementsAfterTheTransaction() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec(BEFORE);
      db.exec(
          "INSERT INTO t SELECT g, 'u' || g || '@x', g % 7 FROM generate_series(1, 2000) g;"
              + "ANALYZE t;");
      String rowsBefore = query(db, "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM t");
      Strata s = strata(db);
      Realm desired = load(s, AFTER);
      Realm current = s.inspect(db.url());
      Plan plan = s.plan(current, desired, CONCURRENT);
      List<String> sql = plan.statements().stream().map(Statement::sql).toList();
      List<String> outside =
          plan.statements().stream()
              .filter(Statement::outsideTransaction)
              .map(Statement::sql)
              .toList();
      assertEquals(
          List.of(
              "DROP INDEX CONCURRENTLY public.t_old",
              "DROP INDEX CONCURRENTLY public.t_n",
              "CREATE INDEX CONCURRENTLY t_email ON public.t (email)",
              "CREATE INDEX CONCURRENTLY t_old ON public.t (n, email)"),
          outside,
          PlanText.sql(plan));
      // the transactional part (the new table and its plain index) comes first, drops before builds
      int firstOutside = sql.indexOf(outside.get(0));
      assertEquals(sql.size() - outside.size(), firstOutside, PlanText.sql(plan));
      assertTrue(sql.indexOf("CREATE INDEX u_x ON public.u (x)") < firstOutside, sql.toString());
      assertTrue(
          sql.indexOf("DROP INDEX CONCURRENTLY public.t_old")
              < sql.indexOf("CREATE INDEX CONCURRENTLY t_old ON public.t (n, email)"),
          sql.toString());
      assertFalse(
          plan.statements()
              .get(sql.indexOf("CREATE INDEX u_x ON public.u (x)"))
              .outsideTransaction());
      assertTrue(PlanText.sql(plan).contains(PlanText.OUTSIDE), PlanText.sql(plan));
      assertEquals(
          "DROP INDEX CONCURRENTLY public.t_email",
          plan.statements().get(sql.indexOf(outside.get(2))).reverse());

      // LK101 does not fire for concurrent builds; without the option it does, naming the fix
      Strata.Review review = s.review(db.url(), plan, current, desired, List.of());
      assertEquals(
          List.of(),
          review.lint().diagnostics().stream().filter(d -> d.code() == Code.LK101).toList());
      Impact build = review.impact().get(sql.indexOf(outside.get(2)));
      assertEquals("SHARE UPDATE EXCLUSIVE", build.lock());
      Plan plain = s.plan(current, desired);
      assertTrue(plain.statements().stream().noneMatch(Statement::outsideTransaction));
      List<Diagnostic> lk101 =
          s.review(db.url(), plain, current, desired, List.of()).lint().diagnostics().stream()
              .filter(d -> d.code() == Code.LK101)
              .toList();
      assertEquals(2, lk101.size(), lk101.toString());
      assertTrue(
          lk101.get(0).message().contains("diff { concurrent_index { create = true } }")
              && lk101.get(0).message().contains("--concurrent-index"),
          lk101.get(0).message());

      // a stored plan keeps the isolation
      PlanFile stored =
          PlanFile.parse(
              s.planFile(db.url(), plan, current, desired, review).toJson(), "plan.json");
      assertEquals(plan.statements(), stored.statements());

      assertEquals(sql.size(), s.applyRecorded(db.url(), stored, null));
      assertEquals("true", valid(db, "t_email"));
      assertEquals("true", valid(db, "t_old"));
      assertNull(valid(db, "t_n"));
      assertEquals("true", valid(db, "u_x"));
      assertEquals(
          rowsBefore, query(db, "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM t"));
      Plan again = s.plan(s.inspect(db.url()), desired, CONCURRENT);
      assertEquals("", PlanText.sql(again));
    }
  }

  @Test
  void invalidIndexFromAFailedConcurrentBuildIsDroppedAndRebuilt() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, email text);");
      db.exec("INSERT INTO t VALUES (1, 'a'), (2, 'a'), (3, 'b');");
      Strata s = strata(db);
      Realm desired =
          load(
              s,
              "CREATE TABLE t (id int PRIMARY KEY, email text);"
                  + "CREATE UNIQUE INDEX t_email ON t (email);");
      Plan plan = s.plan(s.inspect(db.url()), desired, CONCURRENT);
      assertEquals(
          "CREATE UNIQUE INDEX CONCURRENTLY t_email ON public.t (email)",
          plan.statements().get(0).sql());
      ApplyException e = assertThrows(ApplyException.class, () -> s.apply(db.url(), plan, null));
      assertTrue(e.getMessage().contains("could not create unique index"), e.getMessage());
      assertEquals("false", valid(db, "t_email"), "the failed build leaves an INVALID index");

      // the invalid index is not taken as present: the next plan drops and rebuilds it
      Plan retry = s.plan(s.inspect(db.url()), desired, CONCURRENT);
      assertEquals(
          List.of(
              "DROP INDEX CONCURRENTLY public.t_email",
              "CREATE UNIQUE INDEX CONCURRENTLY t_email ON public.t (email)"),
          retry.statements().stream().map(Statement::sql).toList());
      Plan plainRetry = s.plan(s.inspect(db.url()), desired);
      assertEquals(
          List.of("DROP INDEX public.t_email", "CREATE UNIQUE INDEX t_email ON public.t (email)"),
          plainRetry.statements().stream().map(Statement::sql).toList());

      db.exec("DELETE FROM t WHERE id = 2");
      assertEquals(2, s.apply(db.url(), retry, null));
      assertEquals("true", valid(db, "t_email"));
      assertEquals("2", query(db, "SELECT count(*) FROM t"));
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired, CONCURRENT)));
    }
  }

  @Test
  void failureInTheConcurrentPartKeepsTheCommittedPartAndSaysSo() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, email text);");
      db.exec("INSERT INTO t VALUES (1, 'a'), (2, 'a');");
      Strata s = strata(db);
      Realm desired =
          load(
              s,
              "CREATE TABLE t (id int PRIMARY KEY, email text, note text);"
                  + "CREATE UNIQUE INDEX t_email ON t (email);");
      Plan plan = s.plan(s.inspect(db.url()), desired, CONCURRENT);
      assertEquals(
          List.of(
              "ALTER TABLE public.t ADD COLUMN note text",
              "CREATE UNIQUE INDEX CONCURRENTLY t_email ON public.t (email)"),
          plan.statements().stream().map(Statement::sql).toList());
      ApplyException e = assertThrows(ApplyException.class, () -> s.apply(db.url(), plan, null));
      assertTrue(
          e.getMessage().contains("statement 2 of 2 failed; the first 1 statement stayed applied"),
          e.getMessage());
      assertEquals(1, e.appliedCount());
      assertEquals(
          "1",
          query(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"));
    }
  }

  @Test
  void newTablesAndPartitionedTablesKeepPlainIndexes() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec(
          "CREATE TABLE p (id int, at date) PARTITION BY RANGE (at);"
              + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');");
      Strata s = strata(db);
      Realm desired =
          load(
              s,
              "CREATE TABLE p (id int, at date) PARTITION BY RANGE (at);"
                  + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO"
                  + " ('2025-01-01');"
                  + "CREATE INDEX p_at ON p (at);"
                  + "CREATE TABLE n (id int, v int); CREATE INDEX n_v ON n (v);");
      Plan plan = s.plan(s.inspect(db.url()), desired, CONCURRENT);
      String text = PlanText.sql(plan);
      assertFalse(text.contains("CONCURRENTLY"), text);
      assertTrue(text.contains("CREATE INDEX p_at ON public.p (at)"), text);
      assertTrue(text.contains("CREATE INDEX n_v ON public.n (v)"), text);
      s.apply(db.url(), plan, null);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired, CONCURRENT)));
    }
  }

  @Test
  void onlyOneDirectionAskedAndIndexesOfDroppedColumns() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec(
          BEFORE
              + "CREATE INDEX t_gone ON t (id) WHERE n > 0;"
              + "CREATE INDEX t_e ON t (lower(email));");
      db.exec("INSERT INTO t SELECT g, 'u' || g, g FROM generate_series(1, 100) g;");
      Strata s = strata(db);
      // t_old changes definition under the same name; t_n, t_gone and t_old (email, n) use the
      // dropped column n; t_e goes
      Realm desired =
          load(
              s,
              "CREATE TABLE t (id int PRIMARY KEY, email text);"
                  + "CREATE INDEX t_old ON t (email DESC);");
      Realm current = s.inspect(db.url());

      // create only: the old t_old goes inside the transaction, the new one is built after it
      Plan createOnly = s.plan(current, desired, new DiffConfig(Set.of(), true, false));
      List<Statement> st = createOnly.statements();
      Statement drop =
          st.stream()
              .filter(x -> x.sql().equals("DROP INDEX public.t_old"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(PlanText.sql(createOnly)));
      assertFalse(drop.outsideTransaction());
      Statement last = st.get(st.size() - 1);
      assertEquals("CREATE INDEX CONCURRENTLY t_old ON public.t (email DESC)", last.sql());
      assertTrue(last.outsideTransaction());

      // drop only: only t_e, which no other change touches, is dropped concurrently
      Plan dropOnly = s.plan(current, desired, new DiffConfig(Set.of(), false, true));
      assertEquals(
          List.of("DROP INDEX CONCURRENTLY public.t_e"),
          dropOnly.statements().stream()
              .filter(Statement::outsideTransaction)
              .map(Statement::sql)
              .toList(),
          PlanText.sql(dropOnly));
      assertTrue(
          PlanText.sql(dropOnly).contains("DROP INDEX public.t_old;"), PlanText.sql(dropOnly));

      // both: the indexes using the dropped column n (in a key part or the predicate) are dropped
      // inside the transaction, before the column; t_e goes concurrently, t_old is rebuilt so
      Plan both = s.plan(current, desired, CONCURRENT);
      List<String> outside =
          both.statements().stream()
              .filter(Statement::outsideTransaction)
              .map(Statement::sql)
              .toList();
      assertEquals(
          List.of(
              "DROP INDEX CONCURRENTLY public.t_e",
              "CREATE INDEX CONCURRENTLY t_old ON public.t (email DESC)"),
          outside,
          PlanText.sql(both));
      String text = PlanText.sql(both);
      assertTrue(text.indexOf("DROP INDEX public.t_gone;") < text.indexOf("DROP COLUMN n"), text);
      s.apply(db.url(), both, null);
      assertEquals("true", valid(db, "t_old"));
      assertEquals("100", query(db, "SELECT count(*) FROM t"));
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired, CONCURRENT)));
    }
  }

  @Test
  void planFileRoundTripKeepsOutsideTransactionFlag() {
    Plan plan =
        new Plan(
            List.of(),
            List.of(
                new Statement("ALTER TABLE t ADD COLUMN c int", null, "add column c to t"),
                new Statement("CREATE INDEX CONCURRENTLY i ON t (c)", null, "add index", true)),
            true);
    PlanFile f =
        PlanFile.of(
            plan,
            new Realm(List.of()),
            new Realm(List.of()),
            null,
            "postgres",
            null,
            List.of(),
            Instant.EPOCH);
    String json = f.toJson();
    assertTrue(json.contains("\"outsideTransaction\": true"), json);
    assertEquals(plan.statements(), PlanFile.parse(json, "p.json").statements());
  }
}
