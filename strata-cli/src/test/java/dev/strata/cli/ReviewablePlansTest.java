package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviewable plans through the CLI on real SQLite files: the seed's NOT NULL case blocked with rows
 * and allowed on an empty table, stored plans applied exactly, refused after a hand-made change,
 * and every apply recorded in the revision log.
 */
class ReviewablePlansTest {
  @TempDir Path dir;

  private String db() {
    return "sqlite://" + dir.resolve("app.db");
  }

  private Path schema(String extraColumn) throws Exception {
    return Files.writeString(
        dir.resolve("schema.hcl"),
        """
        schema "main" {
        }
        table "users" {
          schema = schema.main
          column "id" {
            type = integer
          }
          column "name" {
            type = text
          }
          %s
          primary_key {
            columns = [column.id]
          }
        }
        """
            .formatted(extraColumn));
  }

  private static final String CREATED_AT_NOT_NULL =
      """
      column "created_at" {
        type = timestamp
      }
      """;

  @Test
  void notNullWithoutDefaultIsBlockedWhenTheTableHasRows() throws Exception {
    exec("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)");
    Path f = schema(CREATED_AT_NOT_NULL);
    Cli empty = Cli.run("schema", "apply", "-u", db(), "--to", "file://" + f, "--dry-run");
    assertEquals(0, empty.code(), "an empty table may gain a NOT NULL column:\n" + empty);

    exec("INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    Cli blocked = Cli.run("schema", "apply", "-u", db(), "--to", "file://" + f, "--auto-approve");
    assertEquals(1, blocked.code(), blocked.toString());
    assertTrue(
        blocked.err().contains("users.created_at: 3 rows would violate NOT NULL"),
        blocked.toString());
    assertEquals("2", query("SELECT count(*) FROM pragma_table_info('users')"));
  }

  @Test
  void storedPlanAppliesExactlyAndIsRecorded() throws Exception {
    exec("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)");
    Path f = schema("column \"nick\" {\n type = text\n null = true\n}");
    Path plan = dir.resolve("plan.json");
    Cli made = Cli.run("schema", "plan", "-u", db(), "--to", "file://" + f, "--out", "" + plan);
    assertEquals(0, made.code(), made.toString());
    assertTrue(made.out().contains("ALTER TABLE users ADD COLUMN nick text;"), made.toString());
    String json = Files.readString(plan);
    assertTrue(json.contains("\"fromHash\""), json);
    assertTrue(json.contains("ADD COLUMN nick"), json);

    Cli applied = Cli.run("schema", "apply", "-u", db(), "--plan", "" + plan, "--auto-approve");
    assertEquals(0, applied.code(), applied.toString());
    assertTrue(applied.out().contains("Verified"), applied.toString());
    assertEquals("1", query("SELECT count(*) FROM pragma_table_info('users') WHERE name='nick'"));
    assertEquals("ok|1", query("SELECT result || '|' || statements FROM strata_schema_revisions"));

    // the same plan again: already applied, which is not drift; nothing runs or is recorded
    Cli again = Cli.run("schema", "apply", "-u", db(), "--plan", "" + plan, "--auto-approve");
    assertEquals(0, again.code(), again.toString());
    assertTrue(
        again.out().startsWith("Nothing to do: the database already has the plan's result"),
        again.toString());
    assertEquals("1", query("SELECT count(*) FROM strata_schema_revisions"));

    Cli synced = Cli.run("schema", "diff", "--from", db(), "--to", "file://" + f);
    assertEquals("", synced.out(), "the revision table is not part of the schema: " + synced);
  }

  @Test
  void storedPlanIsRefusedAfterAHandMadeChange() throws Exception {
    exec("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)");
    Path f = schema("column \"nick\" {\n type = text\n null = true\n}");
    Path plan = dir.resolve("plan.json");
    assertEquals(
        0, Cli.run("schema", "plan", "-u", db(), "--to", "file://" + f, "--out", "" + plan).code());
    exec("ALTER TABLE users ADD COLUMN x integer");
    Cli refused = Cli.run("schema", "apply", "-u", db(), "--plan", "" + plan, "--auto-approve");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(
        refused.err().contains("the database changed since this plan was made"),
        refused.toString());
    assertTrue(refused.err().contains("users gained column x"), refused.toString());
    assertEquals("0", query("SELECT count(*) FROM pragma_table_info('users') WHERE name='nick'"));
  }

  @Test
  void projectFileEnvironment() throws Exception {
    Path f = schema("");
    Files.writeString(
        dir.resolve("strata.hcl"),
        """
        variable "db" {
          type = string
        }
        env "local" {
          url = var.db
          src = "file://schema.hcl"
        }
        """);
    Cli r =
        Cli.run(
            "schema",
            "apply",
            "--env",
            "local",
            "--config",
            "" + dir.resolve("strata.hcl"),
            "--var",
            "db=" + db(),
            "--auto-approve");
    assertEquals(0, r.code(), r.toString());
    assertEquals("2", query("SELECT count(*) FROM pragma_table_info('users')"));
    assertTrue(Files.exists(f));
  }

  /**
   * The project file's diff and lint blocks, selected with --env: {@code diff.skip.drop_table}
   * keeps a table the desired schema lacks (with its rows), the default policy blocks the column
   * drop, and {@code lint { allow = ["DS103"] }} in the file unblocks it.
   */
  @Test
  void projectFileSkipsDropsAndAllowsFindings() throws Exception {
    exec("CREATE TABLE users (id integer PRIMARY KEY, name text, legacy text)");
    exec("INSERT INTO users VALUES (1, 'a', 'x'), (2, 'b', 'y')");
    exec("CREATE TABLE audit (id integer PRIMARY KEY)");
    exec("INSERT INTO audit VALUES (1), (2), (3)");
    schema("");
    String env =
        """
        variable "db" {
          type = string
        }
        env "local" {
          url = var.db
          src = "file://schema.hcl"
        }
        diff {
          skip {
            drop_table = true
          }
        }
        """;
    Path config = Files.writeString(dir.resolve("strata.hcl"), env);
    String[] apply = {
      "schema",
      "apply",
      "--env",
      "local",
      "-c",
      config.toString(),
      "--var",
      "db=" + db(),
      "--auto-approve"
    };
    Cli blocked = Cli.run(apply);
    assertEquals(1, blocked.code(), blocked.toString());
    assertTrue(
        blocked.err().contains("DS103 column users.legacy is dropped with the values of 2 rows"),
        blocked.toString());
    assertTrue(!blocked.out().contains("audit"), "drop_table is skipped: " + blocked);

    Files.writeString(config, env + "lint {\n  allow = [\"DS103\"]\n}\n");
    Cli applied = Cli.run(apply);
    assertEquals(0, applied.code(), applied.toString());
    assertEquals("0", query("SELECT count(*) FROM pragma_table_info('users') WHERE name='legacy'"));
    assertEquals("3", query("SELECT count(*) FROM audit"));
  }

  /**
   * The plan in all three formats carries the finding with its count and an impact for every
   * statement (also a catalog-only one), and {@code --allow data-dependent} (as the help spells it)
   * lets the finding through.
   */
  @Test
  void lintAndImpactInTextMarkdownAndJson() throws Exception {
    exec("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)");
    exec("INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    Path f =
        schema(
            CREATED_AT_NOT_NULL + "  index \"users_name\" {\n    columns = [column.name]\n  }\n");
    String to = "file://" + f;
    // SQLite adds a NOT NULL column by rebuilding the table: 4 statements, then the index
    Cli text = Cli.run("schema", "plan", "-u", db(), "--to", to);
    assertEquals(0, text.code(), text.toString());
    assertTrue(
        text.out()
            .contains(
                "error   DD101  #2  users.created_at: 3 rows would violate NOT NULL (no default"
                    + " given)"),
        text.toString());
    for (int i = 1; i <= 5; i++) {
      assertTrue(
          text.out().contains("impact  #" + i + "  "),
          "every statement has its impact in the text plan (#" + i + "):\n" + text);
    }
    assertTrue(
        text.out().contains("impact  #2  users: 3 rows, ")
            && text.out().contains("lock database write lock, rewrites the table"),
        text.toString());
    assertTrue(text.out().contains("blocked by policy: 1 finding (DD101)"), text.toString());

    Cli md = Cli.run("schema", "plan", "-u", db(), "--to", to, "--format", "markdown");
    assertEquals(0, md.code(), md.toString());
    assertTrue(
        md.out()
            .contains(
                "| error | [DD101](docs/lint.md#dd101) | #2 | users.created_at: 3 rows would"
                    + " violate NOT NULL (no default given) |"),
        md.toString());
    assertTrue(md.out().contains("| 2 | `INSERT INTO new_users"), md.out());
    assertTrue(md.out().contains("| users | 3 | "), md.out());
    assertTrue(md.out().contains("| 5 | `CREATE INDEX users_name"), md.out());
    assertTrue(md.out().contains("**blocked by policy: 1 finding (DD101)"), md.out());

    Cli json = Cli.run("schema", "plan", "-u", db(), "--to", to, "--format", "json");
    assertEquals(0, json.code(), json.toString());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> doc =
        (java.util.Map<String, Object>) dev.strata.json.JsonReader.parse(json.out(), "plan.json");
    java.util.List<?> lint = (java.util.List<?>) doc.get("lint");
    assertEquals(1, lint.size(), json.out());
    java.util.Map<?, ?> finding = (java.util.Map<?, ?>) lint.get(0);
    assertEquals("DD101", finding.get("code"));
    assertEquals(
        "users.created_at: 3 rows would violate NOT NULL (no default given)",
        finding.get("message"));
    java.util.List<?> impact = (java.util.List<?>) doc.get("impact");
    assertEquals(5, ((java.util.List<?>) doc.get("statements")).size(), json.out());
    assertEquals(5, impact.size(), "one impact per statement: " + json.out());
    java.util.Map<?, ?> copy = (java.util.Map<?, ?>) impact.get(1);
    assertEquals("users", copy.get("table"));
    assertEquals("REWRITE", copy.get("work"));

    Cli allowed =
        Cli.run(
            "schema", "apply", "-u", db(), "--to", to, "--allow", "data-dependent", "--dry-run");
    assertEquals(0, allowed.code(), allowed.toString());
    assertTrue(allowed.out().contains("(1 allowed explicitly)"), allowed.toString());
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
