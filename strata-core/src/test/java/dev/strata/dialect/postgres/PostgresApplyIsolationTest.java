package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.apply.ApplyException;
import dev.strata.apply.ApplyListener;
import dev.strata.dialect.DbUrl;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an apply does around its transaction on the local PostgreSQL: {@code ALTER TYPE ... ADD
 * VALUE} runs first and alone (nothing else is committed early), {@code lock_timeout} stops a
 * statement that would queue behind a long transaction, and a second apply says that it waits for
 * the advisory lock and whom it waits for.
 */
class PostgresApplyIsolationTest {
  @TempDir Path tmp;

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String sql) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ".sql");
    Files.writeString(f, sql);
    return s.load("file://" + f);
  }

  private static long count(Connection c, String sql) throws Exception {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void enumValueIsAddedFirstSoAFailureLaterRollsBackEverythingElse() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec(
          "CREATE TYPE status AS ENUM ('new', 'done');"
              + "CREATE TABLE t (id int PRIMARY KEY, n int, s status DEFAULT 'new');"
              + "CREATE VIEW tv AS SELECT id, n FROM t;"
              + "INSERT INTO t (id, n) VALUES (1, NULL);");
      Strata s = strata(db);
      Realm desired =
          load(
              s,
              "CREATE TYPE status AS ENUM ('new', 'busy', 'done');"
                  + "CREATE TABLE t (id int PRIMARY KEY, n bigint NOT NULL, s status DEFAULT"
                  + " 'busy');"
                  + "CREATE VIEW tv AS SELECT id, n FROM t;");
      Plan plan = s.plan(s.inspect(db.url()), desired);
      List<Statement> st = plan.statements();
      assertEquals("ALTER TYPE public.status ADD VALUE 'busy' AFTER 'new'", st.get(0).sql());
      assertTrue(st.get(0).outsideTransaction());
      assertEquals(1, st.stream().filter(Statement::outsideTransaction).count());
      String text = PlanText.sql(plan);
      assertTrue(
          text.startsWith("-- add value busy to enum status\n" + PlanText.OUTSIDE + "\nALTER TYPE"),
          text);

      // SET NOT NULL fails on the row with a NULL: everything after the enum value is undone.
      ApplyException e = assertThrows(ApplyException.class, () -> s.apply(db.url(), plan, null));
      assertTrue(
          e.getMessage()
              .contains(
                  "failed; the first 1 statement stayed applied (run outside the transaction"),
          e.getMessage());
      try (Connection c = db.connect()) {
        assertEquals(1, count(c, "SELECT count(*) FROM pg_views WHERE viewname = 'tv'"));
        assertEquals(
            1,
            count(
                c,
                "SELECT count(*) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                    + " WHERE t.typname = 'status' AND e.enumlabel = 'busy'"));
        assertEquals(
            1,
            count(
                c,
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 't'"
                    + " AND column_name = 'n' AND data_type = 'integer'"));
      }

      // Once the data fits, the new value is used by a default in the same plan.
      db.exec("UPDATE t SET n = 5");
      Plan rest = s.plan(s.inspect(db.url()), desired);
      assertTrue(rest.statements().stream().noneMatch(Statement::outsideTransaction));
      s.apply(db.url(), rest, null);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired)));
      try (Connection c = db.connect()) {
        c.createStatement().execute("INSERT INTO t (id, n) VALUES (2, 7)");
        assertEquals(1, count(c, "SELECT count(*) FROM t WHERE id = 2 AND s = 'busy'"));
      }
    }
  }

  @Test
  void lockTimeoutStopsAStatementQueuedBehindALongTransaction() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create();
        Connection reader = db.connect()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY)");
      reader.setAutoCommit(false);
      reader.createStatement().executeQuery("SELECT * FROM t").close(); // holds ACCESS SHARE
      DbUrl url = db.url().withParam("lock_timeout", "300ms");
      Strata s = strata(db);
      Plan plan = s.plan(s.inspect(url), load(s, "CREATE TABLE t (id int PRIMARY KEY, n int);"));
      long start = System.nanoTime();
      ApplyException e = assertThrows(ApplyException.class, () -> s.apply(url, plan, null));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.getMessage().contains("lock timeout"), e.getMessage());
      assertTrue(e.getMessage().contains("nothing was applied"), e.getMessage());
      assertTrue(ms >= 250 && ms < 5_000, "waited " + ms + " ms");
      reader.rollback();
      assertEquals(1, s.apply(url, plan, null));
    }
  }

  @Test
  void secondApplySaysWhoItWaitsForThenGivesUp() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create();
        Connection holder = db.connect()) {
      long pid = count(holder, "SELECT pg_backend_pid()");
      holder
          .createStatement()
          .executeQuery(
              "SELECT pg_advisory_lock("
                  + PostgresApplyLock.LOCK_CLASS
                  + ", hashtext(current_database()))")
          .close();
      DbUrl url = db.url().withParam("lock_timeout", "400ms");
      Strata s = strata(db);
      Plan plan = s.plan(s.inspect(url), load(s, "CREATE TABLE x (id int);"));
      List<String> heard = new ArrayList<>();
      ApplyListener listener =
          new ApplyListener() {
            @Override
            public void waiting(String message) {
              heard.add(message);
            }
          };
      StrataException e = assertThrows(StrataException.class, () -> s.apply(url, plan, listener));
      assertEquals(
          List.of(
              "Waiting for the apply lock on database "
                  + db.name()
                  + ": another Strata apply (process "
                  + pid
                  + ") holds it; giving up after 400 ms (lock_timeout, --lock-timeout)."),
          heard);
      assertEquals(
          "postgres: another Strata apply holds the lock on database "
              + db.name()
              + " (process "
              + pid
              + "); gave up after lock_timeout 400 ms. Nothing was changed; try again when it has"
              + " finished, or wait longer with --lock-timeout.",
          e.getMessage());

      holder.createStatement().execute("SELECT pg_advisory_unlock_all()");
      heard.clear();
      assertEquals(1, s.apply(url, plan, listener));
      assertEquals(List.of(), heard);
    }
  }
}
