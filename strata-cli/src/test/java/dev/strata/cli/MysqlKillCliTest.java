package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test of the MySQL issue, end to end: the real {@code strata schema apply} runs in its
 * own JVM against the local MariaDB server and is killed with SIGKILL while the server executes the
 * second of three {@code ALTER TABLE}s (a table copy of {@value #ROWS} rows); then the same command
 * runs again. The database reaches the desired schema with every row intact, for a stored plan
 * ({@code --plan}, which resumes from the recorded progress) and for {@code --to} (which plans
 * again).
 */
class MysqlKillCliTest {
  static final int ROWS = 300_000;
  static final String DESIRED =
      "CREATE TABLE t1 (id int PRIMARY KEY, v varchar(40) NOT NULL, extra int DEFAULT 7);\n"
          + "CREATE TABLE t2 (id bigint PRIMARY KEY, v varchar(40) NOT NULL,"
          + " extra int DEFAULT 7, KEY iv (v));\n"
          + "CREATE TABLE t3 (id int PRIMARY KEY, v varchar(40) NOT NULL, extra int DEFAULT 7);\n";

  @TempDir Path dir;
  String db;

  /**
   * The re-run waits for the apply lock until the server finished the killed apply's ALTER; give a
   * loaded machine more than the default 10 s.
   */
  @BeforeEach
  void patientLock() {
    System.setProperty("strata.mysql.lock_wait_timeout", "120");
  }

  @AfterEach
  void defaultLock() {
    System.clearProperty("strata.mysql.lock_wait_timeout");
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    db = "strata_t_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE `" + db + "`");
      st.execute("USE `" + db + "`");
      for (String t : List.of("t1", "t2", "t3")) {
        st.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v varchar(20))");
        int n = t.equals("t2") ? ROWS : 1000;
        st.execute("INSERT INTO " + t + " SELECT seq, CONCAT('r', seq) FROM seq_1_to_" + n);
      }
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS `" + db + "`");
    }
  }

  static Connection admin() throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?user=root");
  }

  String url() {
    return "mysql://root@127.0.0.1:3306/" + db;
  }

  String desired() throws IOException {
    return "file://" + Files.writeString(dir.resolve("desired.sql"), DESIRED);
  }

  @Test
  void storedPlanResumesAfterSigkill() throws Exception {
    Path plan = dir.resolve("plan.json");
    Cli made = Cli.run("schema", "plan", "-u", url(), "--to", desired(), "--out", plan.toString());
    assertEquals(0, made.code(), made.toString());
    String[] apply = {"schema", "apply", "-u", url(), "--plan", plan.toString(), "--auto-approve"};

    killDuringSecondAlter(apply);

    Cli again = Cli.run(apply);
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().contains("Resuming an interrupted apply of this plan: 1 of 3 statements done"),
        again.toString());
    assertTrue(again.out().contains("Verified: the schema now matches"), again.toString());
    assertConvergedWithRows();
  }

  @Test
  void applyToRunsAgainAfterSigkill() throws Exception {
    String[] apply = {"schema", "apply", "-u", url(), "--to", desired(), "--auto-approve"};

    killDuringSecondAlter(apply);

    Cli again = Cli.run(apply);
    assertEquals(0, again.code(), again.toString());
    assertFalse(again.err().contains("does not fully match"), again.toString());
    assertConvergedWithRows();
  }

  /**
   * Deterministically, what a re-run meets when the killed apply's last ALTER is still running on
   * the server: the schema moves between planning and getting the apply lock. The apply plans again
   * instead of failing with "the database changed since this plan was made".
   */
  @Test
  void plansAgainWhenTheSchemaMovedWhileWaitingForTheLock() throws Exception {
    String[] apply = {"schema", "apply", "-u", url(), "--to", desired(), "--auto-approve"};
    try (Connection holder = admin();
        Statement st = holder.createStatement()) {
      st.execute("USE `" + db + "`");
      try (ResultSet rs = st.executeQuery("SELECT GET_LOCK('strata_apply:" + db + "', 5)")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
      Cli[] result = new Cli[1];
      Thread t = new Thread(() -> result[0] = Cli.run(apply));
      t.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rows("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE"
              + " 'SELECT GET_LOCK(%' AND ID <> CONNECTION_ID() AND DB = DATABASE()")
          .isEmpty()) {
        assertTrue(t.isAlive() && System.nanoTime() < deadline, "apply never waited for the lock");
        Thread.sleep(10);
      }
      st.execute(
          "ALTER TABLE t1 MODIFY COLUMN v varchar(40) NOT NULL, ADD COLUMN extra int DEFAULT 7");
      st.executeQuery("SELECT RELEASE_LOCK('strata_apply:" + db + "')").close();
      t.join(60_000);
      Cli run = result[0];
      assertEquals(0, run.code(), String.valueOf(run));
      assertTrue(
          run.err().contains("The database changed while this apply waited for the apply lock"),
          run.toString());
      assertTrue(
          run.out().contains("Planned changes for " + url() + " (2 statements)"), run.toString());
    }
    assertConvergedWithRows();
  }

  /**
   * Runs the CLI in a child JVM, waits until the server runs its {@code ALTER TABLE t2}, and sends
   * it SIGKILL; checks that it died of the signal mid-statement.
   */
  private void killDuringSecondAlter(String[] args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Path log = dir.resolve("child.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!alterOfT2Running()) {
        assertTrue(p.isAlive(), "the apply ended before the ALTER of t2:\n" + read(log));
        assertTrue(System.nanoTime() < deadline, "no ALTER TABLE t2 seen:\n" + read(log));
        Thread.sleep(10);
      }
      Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start();
      assertEquals(0, kill.waitFor());
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
    assertEquals(128 + 9, p.exitValue(), "killed by SIGKILL:\n" + read(log));
    String out = read(log);
    assertTrue(out.contains("[1/3]"), out);
    assertFalse(out.contains("[2/3]") || out.contains("Applied"), out);
    assertEquals(
        List.of("1 done", "2 started"),
        rows("SELECT CONCAT(stmt_index, ' ', state) FROM strata_apply_progress ORDER BY 1"),
        "killed while statement 2 was running");
  }

  private boolean alterOfT2Running() throws SQLException {
    return !rows("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
            + " AND INFO LIKE 'ALTER TABLE `t2`%'")
        .isEmpty();
  }

  private void assertConvergedWithRows() throws Exception {
    Cli check = Cli.run("schema", "apply", "-u", url(), "--to", desired(), "--dry-run");
    assertEquals(0, check.code(), check.toString());
    assertTrue(check.out().contains("Schema is synced"), check.toString());
    assertEquals(List.of(ROWS + ""), rows("SELECT COUNT(*) FROM t2"));
    assertEquals(
        List.of(ROWS + ""),
        rows("SELECT COUNT(*) FROM t2 WHERE v = CONCAT('r', id) AND extra = 7"),
        "every row of the copied table survived with its values");
    for (String t : List.of("t1", "t3")) {
      assertEquals(
          List.of("1000"),
          rows("SELECT COUNT(*) FROM " + t + " WHERE v = CONCAT('r', id) AND extra = 7"));
    }
    assertEquals(
        List.of("0"),
        rows("SELECT COUNT(*) FROM strata_apply_progress"),
        "no progress is left once the schema is reached");
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("USE `" + db + "`");
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }
}
