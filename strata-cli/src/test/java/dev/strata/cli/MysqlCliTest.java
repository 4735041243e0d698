package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL/MariaDB dialect through the CLI as a user meets it: {@code maria://} and {@code
 * mysql://} name the same server, {@code --dev-url} with an empty database, passwords masked in
 * errors, and the help text of {@code --dev-url}.
 */
class MysqlCliTest {
  @TempDir Path dir;
  String db;
  String dev;

  @BeforeEach
  void create() throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    db = "strata_t_cli_" + id;
    dev = "strata_t_dev_" + id;
    exec("CREATE DATABASE `" + db + "`", "CREATE DATABASE `" + dev + "`");
  }

  @AfterEach
  void drop() throws SQLException {
    exec("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + dev + "`");
  }

  static void exec(String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?user=root");
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  static long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/?user=root");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void mariaAndMysqlUrlsWithAnEmptyDevDatabase() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("s.sql"),
            "CREATE TABLE t (id int PRIMARY KEY, name varchar(20) NOT NULL, KEY k (name));\n");
    Cli apply =
        Cli.run(
            "schema",
            "apply",
            "-u",
            "maria://root@127.0.0.1:3306/" + db,
            "--to",
            "file://" + f,
            "--dev-url",
            "mysql://root@127.0.0.1:3306/" + dev,
            "--auto-approve");
    assertEquals(0, apply.code(), apply.toString());
    assertTrue(apply.out().contains("CREATE TABLE `t`"), apply.toString());
    assertEquals(
        1,
        count(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + db
                + "' AND TABLE_NAME = 't'"));
    assertEquals(
        0,
        count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + dev + "'"),
        "the --dev-url database is emptied after use");

    Cli again =
        Cli.run(
            "schema",
            "diff",
            "--from",
            "maria://root@127.0.0.1:3306/" + db,
            "--to",
            "file://" + f,
            "--dev-url",
            "maria://root@127.0.0.1:3306/" + dev);
    assertEquals(0, again.code(), "the same --dev-url serves the next command:\n" + again);

    Cli diff =
        Cli.run(
            "schema", "diff", "--from", "mysql://root@127.0.0.1:3306/" + db, "--to", "file://" + f);
    assertEquals(0, diff.code(), diff.toString());
    assertEquals("", diff.out(), "mysql:// sees what maria:// applied: nothing to do");

    exec("CREATE TABLE `" + dev + "`.leftover (id int)");
    Cli dirty =
        Cli.run(
            "schema",
            "diff",
            "--from",
            "maria://root@127.0.0.1:3306/" + db,
            "--to",
            "file://" + f,
            "--dev-url",
            "maria://root@127.0.0.1:3306/" + dev);
    assertEquals(2, dirty.code(), dirty.toString());
    assertTrue(dirty.err().contains("is not empty; give an empty one"), dirty.toString());
  }

  @Test
  void passwordsAreMaskedAndTheUrlIsNamedOnce() {
    Cli bad = Cli.run("schema", "inspect", "-u", "maria://root:s3cr3tpw@127.0.0.1:3306/" + db);
    assertEquals(1, bad.code(), bad.toString());
    assertFalse(bad.err().contains("s3cr3tpw"), bad.toString());
    assertTrue(bad.err().contains("maria://root:****@127.0.0.1:3306/" + db), bad.toString());
    assertTrue(bad.err().contains("Access denied"), bad.toString());
    assertEquals(
        1, bad.err().split("connecting to", -1).length - 1, "the URL is named once:\n" + bad.err());
  }

  @Test
  void devUrlHelpNamesTheMysqlDefault() {
    Cli help = Cli.run("schema", "apply", "--help");
    assertEquals(0, help.code(), help.toString());
    String text = help.out().replaceAll("\\s+", " ");
    assertTrue(
        text.contains(
            "for PostgreSQL and MySQL/MariaDB: a temporary database created on the target's"
                + " server and dropped afterwards"),
        help.out());
  }
}
