package dev.strata.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files for HCL → SQL plans: for each {@code golden/<dialect>/NAME.hcl} (the desired schema)
 * and optional {@code NAME.current.sql} (the starting schema, empty when absent), the plan must
 * equal {@code NAME.<dialect>.sql} exactly; the plan is then applied and must converge (a second
 * plan is empty). Unpaired files fail the run. {@code -Dstrata.updateGolden=true} rewrites the
 * expected files instead of comparing (review the diff before committing).
 */
class GoldenPlanTest {
  private static final boolean UPDATE = Boolean.getBoolean("strata.updateGolden");

  @TempDir static Path tmp;

  @TestFactory
  Stream<DynamicTest> sqlite() throws Exception {
    return cases("sqlite");
  }

  private Stream<DynamicTest> cases(String dialect) throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource("/golden/" + dialect).toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (n.endsWith(".hcl")) {
        String base = n.substring(0, n.length() - 4);
        tests.add(DynamicTest.dynamicTest(base, () -> check(dialect, dir, base)));
      } else if (n.endsWith(".current.sql")) {
        String base = n.substring(0, n.length() - ".current.sql".length());
        assertTrue(Files.exists(dir.resolve(base + ".hcl")), "unpaired golden file " + n);
      } else if (n.endsWith("." + dialect + ".sql")) {
        String base = n.substring(0, n.length() - dialect.length() - 5);
        assertTrue(Files.exists(dir.resolve(base + ".hcl")), "unpaired golden file " + n);
      } else {
        throw new AssertionError("unexpected golden file " + n);
      }
    }
    assertTrue(tests.size() >= 5, "expected golden cases in " + dir);
    return tests.stream();
  }

  private void check(String dialectName, Path dir, String base) throws Exception {
    Path expectedFile = dir.resolve(base + "." + dialectName + ".sql");
    Path currentFile = dir.resolve(base + ".current.sql");
    DbUrl db = DbUrl.parse("sqlite://" + Files.createTempDirectory(tmp, base).resolve("t.db"));
    Dialect d = Dialects.byName(dialectName);
    if (Files.exists(currentFile)) {
      try (Connection c = d.open(db);
          Statement st = c.createStatement()) {
        for (String s : d.splitStatements(Files.readString(currentFile))) {
          st.execute(s);
        }
      }
    }
    Strata strata = new Strata(new LoadContext(d, db, null, Map.of(), null));
    Realm desired = strata.load("file://" + dir.resolve(base + ".hcl"));
    Plan plan = strata.plan(strata.inspect(db), desired);
    String actual = PlanText.sql(plan);
    if (UPDATE) {
      Path src =
          Path.of("src/test/resources/golden", dialectName, expectedFile.getFileName().toString());
      Files.writeString(src, actual, StandardCharsets.UTF_8);
    } else {
      assertTrue(Files.exists(expectedFile), "missing golden file " + expectedFile.getFileName());
      assertEquals(Files.readString(expectedFile), actual, base);
    }
    strata.apply(db, plan, null);
    Plan again = strata.plan(strata.inspect(db), desired);
    assertEquals("", PlanText.sql(again), base + ": the plan does not converge");
  }
}
