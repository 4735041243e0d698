package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when something is wrong: exit codes, positions, rollbacks, masking. */
class CliErrorsTest {
  @TempDir Path dir;

  private String db() {
    return "sqlite://" + dir.resolve("app.db");
  }

  /**
   * Help texts keep their lines: the descriptions are written as lines of up to 95 characters, and
   * at picocli's default width every line wrapped into a stub ("lint it against" / "the real
   * data"). The command list names each command with a whole sentence.
   */
  @Test
  void helpKeepsDescriptionLinesWhole() {
    Cli plan = Cli.run("schema", "plan", "--help");
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(
        plan.out()
            .contains(
                "Plan the change from the database at --url to the desired state in --to, lint it"
                    + " against"),
        plan.out());
    for (String[] cmd :
        new String[][] {
          {"--help"},
          {"schema", "plan", "--help"},
          {"schema", "apply", "--help"},
          {"schema", "diff", "--help"},
          {"gitops", "--help"},
          {"server", "--help"}
        }) {
      Cli r = Cli.run(cmd);
      for (String line : r.out().split("\n")) {
        assertTrue(line.length() <= Main.HELP_WIDTH, "too long: " + line);
      }
    }
    Cli top = Cli.run("--help");
    assertTrue(
        top.out().contains("Plan the databases a pull request affects, apply them on merge."),
        top.out());
    assertTrue(!top.out().contains("from plain git,\n"), top.out());
  }

  @Test
  void hclSyntaxErrorHasFileLineColumnAndExit2() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("schema.hcl"),
            "schema \"main\" {\n}\ntable \"t\" {\n  schema = schema.main\n  colum \"x\" {\n");
    Cli r = Cli.run("schema", "apply", "--url", db(), "--to", "file://" + f, "--auto-approve");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains(f + ":"), r.toString());
    assertTrue(r.err().matches("(?s).*schema\\.hcl:\\d+:\\d+: .*"), r.toString());
  }

  @Test
  void unknownReferenceIsReportedWithPosition() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("schema.hcl"),
            """
            schema "main" {
            }
            table "t" {
              schema = schema.main
              column "id" {
                type = integer
              }
              primary_key {
                columns = [column.idd]
              }
            }
            """);
    Cli r = Cli.run("schema", "diff", "--from", db(), "--to", "file://" + f);
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("schema.hcl:9:"), r.toString());
    assertTrue(r.err().contains("idd"), r.toString());
  }

  @Test
  void failingStatementRollsBackEverything() throws Exception {
    exec("CREATE TABLE t (id integer PRIMARY KEY, email text NOT NULL)");
    exec("INSERT INTO t (id, email) VALUES (1, 'a@x'), (2, 'a@x')");
    Path f =
        Files.writeString(
            dir.resolve("schema.sql"),
            """
            CREATE TABLE t (id integer PRIMARY KEY, email text NOT NULL);
            CREATE TABLE other (id integer PRIMARY KEY);
            CREATE UNIQUE INDEX t_email ON t (email);
            """);
    Cli blocked =
        Cli.run("schema", "apply", "--url", db(), "--to", "file://" + f, "--auto-approve");
    assertEquals(1, blocked.code(), blocked.toString());
    assertTrue(
        blocked.err().contains("DD103 t(email): 2 rows share a value with another row"),
        blocked.toString());
    // Allowed through the policy, the statement fails on the database and everything rolls back.
    Cli r =
        Cli.run(
            "schema",
            "apply",
            "--url",
            db(),
            "--to",
            "file://" + f,
            "--auto-approve",
            "--allow",
            "DD103");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("rolled back"), r.toString());
    assertTrue(r.err().contains("t_email"), r.toString());
    assertEquals(
        "0", query("SELECT count(*) FROM sqlite_schema WHERE name = 'other'"), "nothing applied");
  }

  @Test
  void passwordsAreMaskedInErrors() {
    Cli r = Cli.run("schema", "inspect", "--url", "postgres://bob:s3cret@127.0.0.1:1/app");
    assertTrue(r.code() != 0, r.toString());
    assertFalse(r.out().contains("s3cret") || r.err().contains("s3cret"), r.toString());
    assertTrue(r.err().contains("bob:****@"), r.toString());
  }

  @Test
  void badUsageExits2() {
    Cli r = Cli.run("schema", "apply", "--url", db());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--to"), r.toString());
    Cli unknown = Cli.run("schema", "aply");
    assertEquals(2, unknown.code(), unknown.toString());
    Cli fmt = Cli.run("schema", "inspect", "--url", db(), "--format", "yaml");
    assertEquals(2, fmt.code(), fmt.toString());
  }

  @Test
  void missingFileExits2() {
    Cli r = Cli.run("schema", "diff", "--from", db(), "--to", "file://" + dir.resolve("nope.hcl"));
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("not found"), r.toString());
  }

  @Test
  void helpExplainsCommands() {
    Cli r = Cli.run("schema", "apply", "--help");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("--allow-destructive"), r.toString());
    assertTrue(r.out().contains("--dry-run"), r.toString());
  }

  private void exec(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private String query(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
