package dev.strata.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.mysql.MysqlTestDb;
import dev.strata.dialect.postgres.PgTestDatabase;
import dev.strata.model.Realm;
import dev.strata.plan.DriftException;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanFile;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two applies on one database at the same time, on the local PostgreSQL ({@code
 * pg_try_advisory_lock}) and MariaDB ({@code GET_LOCK}): the first holds the lock in the middle of
 * its plan; the second is started then and must wait. Once the first finishes, the second finds the
 * work done and runs nothing (same plan), or refuses with the drift it sees (a plan made from the
 * same starting point but wanting something else). Only one revision is recorded.
 */
class ConcurrentApplyTest {
  @TempDir Path tmp;

  /** A fresh database: its URL, a way to run SQL, and a closer. */
  private record Db(DbUrl url, AutoCloseable closer) {}

  private static Db create(String dialect) throws Exception {
    if (dialect.equals("postgres")) {
      PgTestDatabase pg = PgTestDatabase.create();
      return new Db(pg.url(), pg);
    }
    MysqlTestDb my = MysqlTestDb.create();
    return new Db(my.url(), my);
  }

  private static void exec(Strata s, DbUrl url, String sql) throws Exception {
    try (Connection c = s.dialect().open(url)) {
      c.createStatement().execute(sql);
    }
  }

  private static long count(Strata s, DbUrl url, String sql) throws Exception {
    try (Connection c = s.dialect().open(url);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private PlanFile planFile(Strata s, DbUrl url, String desiredSql) throws Exception {
    Path f = Files.createTempFile(tmp, "desired", ".sql");
    Files.writeString(f, desiredSql);
    Realm desired = s.load("file://" + f);
    Realm current = s.inspect(url);
    Plan plan = s.plan(current, desired);
    return s.planFile(
        url, plan, current, desired, s.review(url, plan, current, desired, List.of()));
  }

  /** A listener that holds the apply (and so the lock) at its first statement until released. */
  private static ApplyListener holding(CountDownLatch holding, CountDownLatch release) {
    return new ApplyListener() {
      @Override
      public void starting(int index, int total, Statement statement) {
        holding.countDown();
        try {
          assertTrue(release.await(20, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "maria"})
  void secondApplyOfTheSamePlanWaitsThenHasNothingToDo(String dialect) throws Exception {
    Db db = create(dialect);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (AutoCloseable closer = db.closer()) {
      DbUrl url = db.url();
      Strata s = new Strata(new LoadContext(Strata.dialectFor(url), url, null, Map.of(), null));
      exec(s, url, "CREATE TABLE t (id int PRIMARY KEY)");
      exec(s, url, "INSERT INTO t VALUES (1), (2)");
      PlanFile file =
          planFile(
              s,
              url,
              "CREATE TABLE t (id int PRIMARY KEY, note varchar(20));"
                  + " CREATE TABLE x (id int PRIMARY KEY);");
      int statements = file.statements().size();
      assertTrue(statements >= 2, file.statements().toString());

      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<Integer> first = pool.submit(() -> s.applyRecorded(url, file, holding(held, release)));
      assertTrue(held.await(20, TimeUnit.SECONDS), "the first apply never started");
      Future<Integer> second = pool.submit(() -> s.applyRecorded(url, file, null));
      Thread.sleep(1500);
      assertFalse(second.isDone(), "the second apply must wait for the lock");
      release.countDown();

      assertEquals(statements, first.get(30, TimeUnit.SECONDS));
      assertEquals(0, second.get(30, TimeUnit.SECONDS), "the work was already done");
      assertEquals(2, count(s, url, "SELECT count(*) FROM t WHERE note IS NULL"));
      assertEquals(0, count(s, url, "SELECT count(*) FROM x"));
      assertEquals(1, count(s, url, "SELECT count(*) FROM strata_schema_revisions"));
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "maria"})
  void secondApplyOfAStalePlanWaitsThenRefusesNamingTheDrift(String dialect) throws Exception {
    Db db = create(dialect);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (AutoCloseable closer = db.closer()) {
      DbUrl url = db.url();
      Strata s = new Strata(new LoadContext(Strata.dialectFor(url), url, null, Map.of(), null));
      exec(s, url, "CREATE TABLE t (id int PRIMARY KEY)");
      PlanFile addX = planFile(s, url, "CREATE TABLE t (id int PRIMARY KEY, a int);");
      PlanFile addY = planFile(s, url, "CREATE TABLE t (id int PRIMARY KEY, b int);");

      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<Integer> first = pool.submit(() -> s.applyRecorded(url, addX, holding(held, release)));
      assertTrue(held.await(20, TimeUnit.SECONDS), "the first apply never started");
      Future<Integer> second = pool.submit(() -> s.applyRecorded(url, addY, null));
      Thread.sleep(1500);
      assertFalse(second.isDone(), "the second apply must wait for the lock");
      release.countDown();

      assertEquals(1, first.get(30, TimeUnit.SECONDS));
      ExecutionException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
      DriftException drift = assertInstanceOf(DriftException.class, e.getCause());
      assertTrue(
          drift
              .getMessage()
              .contains("the database changed since this plan was made: table t gained column a"),
          drift.getMessage());
      assertEquals(
          0,
          count(
              s,
              url,
              "SELECT count(*) FROM information_schema.columns WHERE table_name = 't'"
                  + " AND column_name = 'b' AND table_schema = "
                  + (dialect.equals("postgres") ? "'public'" : "DATABASE()")));
    } finally {
      pool.shutdownNow();
    }
  }
}
