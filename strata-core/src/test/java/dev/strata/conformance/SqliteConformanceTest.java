package dev.strata.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every sqldef sqlite3def case as a convergence test: load {@code current} into a SQLite file,
 * apply {@code desired} with Strata, then a second plan against {@code desired} loaded directly
 * must be empty; then the same from {@code desired} back to {@code current}. Cases in {@code
 * sqlite3def-expected-failures.txt} must fail, all others must pass; the counts go to {@code
 * target/conformance/sqlite3def.txt}.
 */
class SqliteConformanceTest {
  private static ConformanceLedger ledger;

  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> sqlite3def() {
    List<SqldefCase> cases =
        SqldefCase.load(SharedFiles.conformance().resolve("sqldef/sqlite3def"));
    assertTrue(cases.size() >= 65, "expected the 65 sqlite3def cases, found " + cases.size());
    ledger = new ConformanceLedger("sqlite3def", cases);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
  }

  private void check(SqldefCase c) throws Exception {
    if (!c.flag("enable_drop", true)) {
      ledger.skip(c, "sqldef's enable_drop=false mode comments drops out; Strata refuses");
      return;
    }
    String problem;
    try {
      problem = converge(c);
    } catch (RuntimeException | SQLException e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    ledger.record(c, problem);
  }

  /** Null when the case converges both ways, else what went wrong. */
  private String converge(SqldefCase c) throws IOException, SQLException {
    Path dir = Files.createTempDirectory(tmp, "case");
    Path currentSql = Files.writeString(dir.resolve("current.sql"), c.current());
    Path desiredSql = Files.writeString(dir.resolve("desired.sql"), c.desired());
    DbUrl db = DbUrl.parse("sqlite://" + dir.resolve("test.db"));
    Dialect d = Dialects.forUrl(db);
    try (Connection conn = d.open(db);
        Statement st = conn.createStatement()) {
      for (String s : d.splitStatements(c.current())) {
        st.execute(s);
      }
    }
    Strata strata = new Strata(new LoadContext(d, db, null, Map.of(), null));
    Realm current = strata.load("file://" + currentSql);
    Realm desired = strata.load("file://" + desiredSql);
    String up = ConformanceLedger.step(strata, db, desired, "current -> desired");
    if (up != null) {
      return up;
    }
    return ConformanceLedger.step(strata, db, current, "desired -> current");
  }

  @AfterAll
  static void report() {
    if (ledger != null) {
      ledger.write(null);
    }
  }
}
