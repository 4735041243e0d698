package dev.strata.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.apply.Executor;
import dev.strata.dialect.InspectOptions;
import dev.strata.dialect.postgres.PgTestDatabase;
import dev.strata.dialect.postgres.PostgresDialect;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import dev.strata.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every sqldef psqldef case as a convergence test on the local PostgreSQL server: {@code
 * current} is executed on a target database and inspected; {@code desired} is executed on a dev
 * database and inspected (what the SQL loader does); the plan is applied and a second plan must be
 * empty; then the same back to {@code current}. Two databases and two open connections serve all
 * cases and are emptied between cases (extensions and schemas dropped, {@code public} re-created):
 * creating databases and connections per case would cost seconds each on a loaded server. Cases
 * whose mode Strata lacks are skipped with the reason; cases listed in {@code
 * psqldef-expected-failures.txt} must fail, all others must pass; counts go to {@code
 * target/conformance/psqldef.txt}.
 */
class PostgresConformanceTest {
  private static ConformanceLedger ledger;
  private static PgTestDatabase target;
  private static PgTestDatabase dev;
  private static int serverVersion;
  private static Connection targetConn;
  private static Connection devConn;
  private static final PostgresDialect DIALECT = PgTestDatabase.DIALECT;

  @BeforeAll
  static void databases() throws SQLException {
    target = PgTestDatabase.create();
    dev = PgTestDatabase.create();
    // the databases are scratch: commits need not wait for the disk
    PgTestDatabase.admin("ALTER DATABASE " + target.name() + " SET synchronous_commit = off");
    PgTestDatabase.admin("ALTER DATABASE " + dev.name() + " SET synchronous_commit = off");
    targetConn = target.connect();
    devConn = dev.connect();
    try (Statement st = targetConn.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version_num")) {
      rs.next();
      serverVersion = Integer.parseInt(rs.getString(1));
    }
  }

  @TestFactory
  Stream<DynamicTest> psqldef() {
    List<SqldefCase> cases = SqldefCase.load(SharedFiles.conformance().resolve("sqldef/psqldef"));
    assertTrue(cases.size() >= 800, "expected the 838 psqldef cases, found " + cases.size());
    ledger = new ConformanceLedger("psqldef", cases);
    String only = System.getProperty("psqldef.only", ".*");
    return cases.stream()
        .filter(c -> c.id().matches(only))
        .map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  /** Why the case cannot run in Strata or on this server, or null. */
  private static String skipReason(SqldefCase c) {
    if (!c.flag("enable_drop", true)) {
      return "sqldef's enable_drop=false mode comments drops out; Strata refuses instead";
    }
    if (c.fields().containsKey("manage") || c.fields().containsKey("managed_roles")) {
      return "sqldef manages only some objects or privileges here; Strata manages whole schemas";
    }
    if (c.fields().containsKey("user")) {
      return "sqldef connects as a role whose default schema is foo; Strata has no such mode";
    }
    if (c.flag("offline", false)) {
      return "offline mode (no database); Strata always normalises on a database";
    }
    String flavor = c.text("flavor");
    if (!flavor.isEmpty() && !flavor.startsWith("!")) {
      return "needs the " + flavor + " flavor of PostgreSQL";
    }
    if (!c.text("min_version").isEmpty() && version(c.text("min_version")) > serverVersion) {
      return "needs PostgreSQL " + c.text("min_version");
    }
    if (!c.text("max_version").isEmpty() && version(c.text("max_version")) < serverVersion) {
      return "needs PostgreSQL up to " + c.text("max_version");
    }
    return null;
  }

  private static int version(String v) {
    String[] p = v.split("\\.");
    return Integer.parseInt(p[0]) * 10000 + (p.length > 1 ? Integer.parseInt(p[1]) : 0);
  }

  private void check(SqldefCase c) throws Exception {
    String skip = skipReason(c);
    if (skip != null) {
      ledger.skip(c, skip);
      return;
    }
    String problem;
    try {
      problem = converge(c);
    } catch (RuntimeException | SQLException e) {
      boolean expectedError = c.fields().containsKey("error") && !(e instanceof NotConverged);
      problem = expectedError ? null : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    ledger.record(c, problem);
  }

  /** Null when the case converges both ways, else what went wrong. */
  private String converge(SqldefCase c) throws SQLException {
    empty(targetConn);
    empty(devConn);
    runInAnyOrder(targetConn, c.current());
    Realm current = inspect(targetConn);
    Realm desired = loadDesired(c.desired());
    Realm after = step(current, desired);
    if (c.fields().containsKey("error")) {
      return "sqldef expects an error (" + c.text("error") + "); Strata converged";
    }
    step(after, current);
    return null;
  }

  /**
   * The desired state through the real SQL loader, with the dev database given as {@code
   * --dev-url}: statements in any order, rename hints in comments, normalised by the server.
   */
  private static Realm loadDesired(String sql) {
    try {
      Path file = Files.createTempFile("strata-psqldef-", ".sql");
      try {
        Files.writeString(file, sql);
        return new Strata(new LoadContext(DIALECT, target.url(), dev.url(), Map.of(), null))
            .load("file://" + file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Realm inspect(Connection conn) {
    return DIALECT.inspect(conn, InspectOptions.ALL);
  }

  private static Plan plan(Realm from, Realm to) {
    return DIALECT.planner().plan(new Differ(DIALECT.diffHooks()).diff(from, to), from, to);
  }

  /**
   * Plans and applies {@code from -> to} on the target; returns the inspected result, after which a
   * second plan must be empty (else a {@link NotConverged} names both plans).
   */
  private static Realm step(Realm from, Realm to) {
    Plan plan = plan(from, to);
    new Executor(DIALECT, null).apply(targetConn, plan);
    Realm after = inspect(targetConn);
    Plan again = plan(after, to);
    if (!again.isEmpty()) {
      throw new NotConverged(
          "a second plan is not empty:\n"
              + PlanText.sql(again)
              + "-- after applying:\n"
              + PlanText.sql(plan));
    }
    return after;
  }

  /** A step whose second plan was not empty. */
  private static final class NotConverged extends RuntimeException {
    NotConverged(String message) {
      super(message);
    }
  }

  /** Runs a script whose statements may be out of dependency order, retrying failures. */
  private static void runInAnyOrder(Connection conn, String script) throws SQLException {
    List<String> pending = DIALECT.splitStatements(script);
    {
      while (!pending.isEmpty()) {
        List<String> failedNow = new ArrayList<>();
        SQLException last = null;
        for (String s : pending) {
          try (Statement st = conn.createStatement()) {
            st.execute(s);
          } catch (SQLException e) {
            failedNow.add(s);
            last = last == null ? e : last;
          }
        }
        if (failedNow.size() == pending.size()) {
          throw last;
        }
        pending = failedNow;
      }
    }
  }

  /** Resets the session, drops every schema and extension, then re-creates {@code public}. */
  private static void empty(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("RESET ALL");
      st.execute(
          "DO $$DECLARE s text; BEGIN"
              + " FOR s IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP"
              + " EXECUTE format('DROP EXTENSION %I CASCADE', s); END LOOP;"
              + " FOR s IN SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema'"
              + " AND nspname NOT LIKE 'pg\\_%' LOOP"
              + " EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END$$");
      st.execute("CREATE SCHEMA public");
    }
  }

  @AfterAll
  static void report() throws IOException, SQLException {
    if (targetConn != null) {
      targetConn.close();
      devConn.close();
    }
    if (target != null) {
      target.close();
    }
    if (dev != null) {
      dev.close();
    }
    if (ledger != null) {
      ledger.write(null);
    }
  }
}
