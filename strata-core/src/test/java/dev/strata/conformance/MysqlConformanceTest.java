package dev.strata.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.mysql.MysqlDialect;
import dev.strata.dialect.mysql.MysqlServer;
import dev.strata.dialect.mysql.MysqlTestDb;
import dev.strata.model.Realm;
import dev.strata.source.LoadContext;
import dev.strata.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every sqldef mysqldef case against the local server as a convergence test: load {@code
 * current} into a fresh database (foreign key checks off), migrate to {@code desired} with Strata,
 * a second plan must be empty; then back to {@code current}. Cases whose {@code flavor} or {@code
 * min_version}/{@code max_version} exclude the local server, that use sqldef's offline or {@code
 * enable_drop: false} modes, are skipped with a reason; cases with {@code error} must fail. Names
 * qualified with sqldef's fixed database {@code mysqldef_test} are made unqualified. Cases in
 * {@code mysqldef-expected-failures.txt} must fail, all others pass; counts go to {@code
 * target/conformance/mysqldef.txt}.
 */
class MysqlConformanceTest {
  private static ConformanceLedger ledger;
  private static MysqlServer server;

  @TempDir static Path tmp;

  @BeforeAll
  static void detect() throws SQLException {
    try (MysqlTestDb db = MysqlTestDb.create();
        Connection c = db.open()) {
      server = MysqlDialect.server(c);
    }
  }

  @TestFactory
  Stream<DynamicTest> mysqldef() {
    List<SqldefCase> cases = SqldefCase.load(SharedFiles.conformance().resolve("sqldef/mysqldef"));
    assertTrue(cases.size() >= 300, "expected the 313 mysqldef cases, found " + cases.size());
    ledger = new ConformanceLedger("mysqldef", cases);
    String only = System.getProperty("strata.case");
    return cases.stream()
        .filter(c -> only == null || c.id().contains(only))
        .map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  /** Why the case cannot run here, or null. */
  private static String skipReason(SqldefCase c) {
    String flavor = c.text("flavor").trim();
    String local = server.mariadb() ? "mariadb" : "mysql";
    if (!flavor.isEmpty()) {
      boolean negate = flavor.startsWith("!");
      String f = negate ? flavor.substring(1) : flavor;
      if (negate == f.equals(local)) {
        return "flavor " + flavor + " excludes " + local;
      }
    }
    String version = server.major() + "." + server.minor() + "." + server.patch();
    if (!c.text("min_version").isEmpty() && compare(version, c.text("min_version")) < 0) {
      return "needs version >= " + c.text("min_version") + ", server is " + version;
    }
    if (!c.text("max_version").isEmpty() && compare(version, c.text("max_version")) > 0) {
      return "needs version <= " + c.text("max_version") + ", server is " + version;
    }
    if (c.flag("offline", false)) {
      return "sqldef's offline mode (TiDB syntax without a server) has no Strata counterpart";
    }
    if (!c.flag("enable_drop", true)) {
      return "sqldef's enable_drop=false mode comments drops out; Strata refuses them instead";
    }
    return null;
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
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
      problem =
          c.text("error").isEmpty() ? e.getClass().getSimpleName() + ": " + e.getMessage() : null;
    }
    ledger.record(c, problem);
  }

  private static String unqualify(String sql) {
    return sql.replace("`mysqldef_test`.", "").replace("mysqldef_test.", "");
  }

  /** Null when the case converges both ways, else what went wrong. */
  private String converge(SqldefCase c) throws IOException, SQLException {
    Path dir = Files.createTempDirectory(tmp, "case");
    String current = unqualify(c.current());
    Path currentSql = Files.writeString(dir.resolve("current.sql"), current);
    Path desiredSql = Files.writeString(dir.resolve("desired.sql"), unqualify(c.desired()));
    try (MysqlTestDb db = MysqlTestDb.create()) {
      DbUrl url = db.url();
      Dialect d = Dialects.forUrl(url);
      try (Connection conn = d.open(url);
          Statement st = conn.createStatement()) {
        st.execute("SET FOREIGN_KEY_CHECKS = 0");
        for (String s : d.splitStatements(current)) {
          st.execute(s);
        }
      }
      Strata strata = new Strata(new LoadContext(d, url, null, Map.of(), null));
      Realm cur = strata.load("file://" + currentSql);
      Realm des = strata.load("file://" + desiredSql);
      String up = ConformanceLedger.step(strata, url, des, "current -> desired");
      if (up != null) {
        return up;
      }
      if (!c.text("error").isEmpty()) {
        return "expected an error (" + c.text("error") + ") but the case converged";
      }
      return ConformanceLedger.step(strata, url, cur, "desired -> current");
    }
  }

  @AfterAll
  static void report() throws IOException {
    if (ledger != null) {
      ledger.write(server == null ? null : server.describe());
    }
  }
}
