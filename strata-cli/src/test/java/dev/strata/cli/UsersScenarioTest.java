package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario through the real CLI on a real SQLite file: create {@code users} from v1, add
 * two timestamp columns with v2 while rows exist, roll back with v3 (refused until destructive
 * changes are allowed), with every row surviving and a second run having nothing to do.
 */
class UsersScenarioTest {
  static final Path EXAMPLES = Path.of("..", "examples", "users").toAbsolutePath().normalize();

  @TempDir Path dir;

  String url() {
    return "sqlite://" + dir.resolve("app.db");
  }

  String version(int v) {
    return "file://" + EXAMPLES.resolve("v" + v).resolve("schema.hcl");
  }

  @Test
  void createEvolveAndRollBack() throws Exception {
    Cli v1 = Cli.run("schema", "apply", "--url", url(), "--to", version(1), "--auto-approve");
    assertEquals(0, v1.code(), v1.toString());
    assertTrue(v1.out().contains("CREATE TABLE"), v1.toString());
    assertEquals(List.of("id", "name", "is_admin"), columns());

    Cli again = Cli.run("schema", "apply", "--url", url(), "--to", version(1), "--auto-approve");
    assertEquals(0, again.code(), again.toString());
    assertTrue(again.out().contains("no changes"), again.toString());

    exec("INSERT INTO users (id, name) VALUES ('a1', 'Ada'), ('b2', 'Brian')");

    Cli v2 = Cli.run("schema", "apply", "--url", url(), "--to", version(2), "--auto-approve");
    assertEquals(0, v2.code(), v2.toString());
    assertEquals(List.of("id", "name", "is_admin", "created_at", "last_login"), columns());
    assertEquals(List.of("a1|Ada|0", "b2|Brian|0"), rows("SELECT id, name, is_admin FROM users"));
    assertEquals(
        List.of("0"),
        rows("SELECT count(*) FROM users WHERE created_at IS NULL"),
        "defaults filled");

    Cli diff = Cli.run("schema", "diff", "--from", url(), "--to", version(2));
    assertEquals(0, diff.code(), diff.toString());
    assertEquals("", diff.out(), "a converged plan prints nothing");
    assertTrue(diff.err().contains("synced"), diff.toString());

    Cli refused = Cli.run("schema", "apply", "--url", url(), "--to", version(3), "--auto-approve");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused
            .err()
            .contains("DS103 column users.created_at is dropped with the values of 2 rows"),
        refused.toString());
    assertTrue(refused.err().contains("DS103 column users.last_login"), refused.toString());
    assertEquals(5, columns().size(), "a refused plan changes nothing");

    Cli v3 =
        Cli.run(
            "schema",
            "apply",
            "--url",
            url(),
            "--to",
            version(3),
            "--auto-approve",
            "--allow-destructive");
    assertEquals(0, v3.code(), v3.toString());
    assertEquals(List.of("id", "name", "is_admin"), columns());
    assertEquals(List.of("a1|Ada|0", "b2|Brian|0"), rows("SELECT id, name, is_admin FROM users"));
  }

  @Test
  void dryRunChangesNothing() throws Exception {
    Cli dry = Cli.run("schema", "apply", "--url", url(), "--to", version(1), "--dry-run");
    assertEquals(0, dry.code(), dry.toString());
    assertTrue(dry.out().contains("CREATE TABLE"), dry.toString());
    assertTrue(columns().isEmpty(), "dry run created nothing");
    assertTrue(dry.out().contains("Dry run: nothing was changed."), dry.toString());
    assertEquals("", dry.err(), "no after-apply convergence warning for a dry run");

    Path plan = dir.resolve("plan.json");
    Cli out =
        Cli.run("schema", "plan", "--url", url(), "--to", version(1), "--out", plan.toString());
    assertEquals(0, out.code(), out.toString());
    Cli stored = Cli.run("schema", "apply", "--url", url(), "--plan", plan.toString(), "--dry-run");
    assertEquals(0, stored.code(), stored.toString());
    assertTrue(stored.out().contains("Dry run: nothing was changed."), stored.toString());
    assertTrue(!stored.out().contains("Verified"), "nothing to verify after a dry run:\n" + stored);
    assertTrue(columns().isEmpty(), "dry run of a stored plan created nothing");
  }

  @Test
  void asksBeforeApplying() throws Exception {
    Cli no = Cli.withInput("n\n", "schema", "apply", "--url", url(), "--to", version(1));
    assertEquals(1, no.code(), no.toString());
    assertTrue(columns().isEmpty());
    Cli eof = Cli.withInput("", "schema", "apply", "--url", url(), "--to", version(1));
    assertEquals(1, eof.code(), eof.toString());
    assertTrue(eof.err().contains("--auto-approve"), eof.toString());
    Cli yes = Cli.withInput("y\n", "schema", "apply", "--url", url(), "--to", version(1));
    assertEquals(0, yes.code(), yes.toString());
    assertEquals(3, columns().size());
  }

  @Test
  void inspectOutputFeedsBackAsAnEmptyDiff() throws Exception {
    assertEquals(
        0, Cli.run("schema", "apply", "-u", url(), "--to", version(2), "--auto-approve").code());
    Cli hcl = Cli.run("schema", "inspect", "-u", url());
    assertEquals(0, hcl.code(), hcl.toString());
    assertTrue(hcl.out().contains("table \"users\""), hcl.toString());
    Path file = Files.writeString(dir.resolve("inspected.hcl"), hcl.out());
    Cli diff = Cli.run("schema", "diff", "--from", url(), "--to", "file://" + file);
    assertEquals(0, diff.code(), diff.toString());
    assertEquals("", diff.out(), diff.toString());

    Cli sql = Cli.run("schema", "inspect", "-u", url(), "--format", "sql");
    assertEquals(0, sql.code(), sql.toString());
    Path sqlFile = Files.writeString(dir.resolve("inspected.sql"), sql.out());
    Cli diff2 = Cli.run("schema", "diff", "--from", url(), "--to", "file://" + sqlFile);
    assertEquals("", diff2.out(), diff2.toString());

    Cli json = Cli.run("schema", "inspect", "-u", url(), "--format", "json");
    assertTrue(json.out().contains("\"name\": \"created_at\""), json.toString());
  }

  private void exec(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private List<String> columns() throws Exception {
    return rows("SELECT name FROM pragma_table_info('users') ORDER BY cid");
  }

  private List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(rs.getString(i));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }
}
