package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL, {@code destroyForcibly}) a child JVM that runs the {@link
 * dev.strata.apply.Executor} on a stored statement list, when it announces statement 3, then runs
 * the same plan again through the API: it resumes from the progress table, the database reaches the
 * desired schema, and every row is intact. The statements are small, so the kill lands between
 * statements or as statement 3 is sent, not inside a long one; the end-to-end fault test
 * (the real CLI killed while the server executes an {@code ALTER}) is {@code
 * dev.strata.cli.MysqlKillCliTest}.
 */
class MysqlFaultTest {
  private static final int TABLES = 5;
  private static final int ROWS = 3000;

  @TempDir Path tmp;

  @Test
  void resumesAfterTheApplyingProcessIsKilled() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      StringBuilder desired = new StringBuilder();
      for (int t = 1; t <= TABLES; t++) {
        db.exec(
            "CREATE TABLE t" + t + " (id int PRIMARY KEY, v varchar(20))",
            "INSERT INTO t" + t + " SELECT seq, CONCAT('row', seq) FROM seq_1_to_" + ROWS);
        desired
            .append("CREATE TABLE t")
            .append(t)
            .append(" (id int PRIMARY KEY,")
            .append(" v varchar(40) NOT NULL, extra int DEFAULT 7, KEY idx_v (v));\n");
      }
      Strata s = MysqlApplyTest.strata(db);
      Realm want = s.load("file://" + Files.writeString(tmp.resolve("d.sql"), desired.toString()));
      Plan plan = s.plan(s.inspect(db.url()), want);
      assertEquals(TABLES, plan.statements().size(), PlanText.sql(plan));
      Path planFile = tmp.resolve("plan.sql");
      Files.writeString(
          planFile,
          String.join(
              MysqlFaultMain.SEPARATOR, plan.statements().stream().map(Statement::sql).toList()));

      List<String> seen = runAndKillAt(db, planFile, "START 3");
      assertTrue(seen.contains("DONE 2") && !seen.contains("FINISHED"), seen.toString());

      Plan same = MysqlFaultMain.read(planFile);
      int ran = s.apply(db.url(), same, null);
      assertTrue(ran >= 2 && ran <= 3, "resumed with statements 3..5 (or 4..5), ran " + ran);
      Plan again = s.plan(s.inspect(db.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));
      for (int t = 1; t <= TABLES; t++) {
        assertEquals(ROWS, MysqlApplyTest.count(db, "SELECT COUNT(*) FROM t" + t));
        assertEquals(
            ROWS,
            MysqlApplyTest.count(
                db, "SELECT COUNT(*) FROM t" + t + " WHERE v = CONCAT('row', id) AND extra = 7"));
      }
    }
  }

  /** Runs the child until it prints {@code killAt}, then kills it with SIGKILL. */
  private static List<String> runAndKillAt(MysqlTestDb db, Path planFile, String killAt)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            MysqlFaultMain.class.getName(),
            db.url().raw(),
            planFile.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        seen.add(line);
        if (line.equals(killAt)) {
          p.destroyForcibly();
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    return seen;
  }
}
