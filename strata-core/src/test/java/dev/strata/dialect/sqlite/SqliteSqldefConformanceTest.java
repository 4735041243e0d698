package dev.strata.dialect.sqlite;

import static dev.strata.dialect.sqlite.SqliteTestSupport.apply;
import static dev.strata.dialect.sqlite.SqliteTestSupport.diff;
import static dev.strata.dialect.sqlite.SqliteTestSupport.inspect;
import static dev.strata.dialect.sqlite.SqliteTestSupport.memory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import dev.strata.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Convergence on sqldef's SQLite cases: load {@code current}, plan to {@code desired} (loaded into
 * a second database and inspected), apply, and require the result to inspect equal to the desired
 * schema; then the same way back. Cases sqldef marks as errors, offline or with drops disabled are
 * skipped for the reason the shared README gives.
 */
class SqliteSqldefConformanceTest {

  @TestFactory
  Stream<DynamicTest> sqldefCases() throws IOException {
    Path dir = SharedFiles.conformance().resolve("sqldef").resolve("sqlite3def");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        Map<String, Map<String, Object>> cases = new Yaml().load(Files.readString(f));
        cases.forEach(
            (name, c) -> {
              if (c.containsKey("error")
                  || Boolean.TRUE.equals(c.get("offline"))
                  || Boolean.FALSE.equals(c.get("enable_drop"))) {
                return;
              }
              String current = text(c.get("current"));
              String desired = text(c.get("desired"));
              tests.add(
                  DynamicTest.dynamicTest(
                      f.getFileName() + ": " + name, () -> converge(current, desired)));
            });
      }
    }
    assertTrue(tests.size() > 40, "expected the sqldef cases, found " + tests.size());
    return tests.stream();
  }

  private static void converge(String current, String desired) throws Exception {
    migrate(current, desired);
    migrate(desired, current);
  }

  private static void migrate(String from, String to) throws Exception {
    try (Connection a = memory(from);
        Connection b = memory(to)) {
      Realm start = inspect(a);
      Realm target = inspect(b);
      Plan plan = SqliteTestSupport.DIALECT.planner().plan(diff(start, target), start, target);
      apply(a, plan);
      assertEquals(
          target,
          inspect(a),
          () -> String.join(";\n", plan.statements().stream().map(Statement::sql).toList()));
    }
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
