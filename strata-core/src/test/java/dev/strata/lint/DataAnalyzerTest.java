package dev.strata.lint;

import static dev.strata.lint.Fixtures.col;
import static dev.strata.lint.Fixtures.context;
import static dev.strata.lint.Fixtures.exec;
import static dev.strata.lint.Fixtures.lint;
import static dev.strata.lint.Fixtures.only;
import static dev.strata.lint.Fixtures.realm;
import static dev.strata.lint.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.model.Column;
import dev.strata.model.Realm;
import dev.strata.model.Table;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataAnalyzerTest {
  private static final Column ID = col("id", "integer", false);

  @Test
  void notNullColumnWithoutDefaultOnTableWithRows() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, name text)",
            "INSERT INTO users (name) VALUES ('a'), ('b'), ('c')")) {
      Realm from = realm(table("users", ID, col("name", "text", true)));
      Realm to =
          realm(
              table("users", ID, col("name", "text", true), col("created_at", "datetime", false)));
      String sql = "ALTER TABLE users ADD COLUMN created_at datetime NOT NULL";
      List<Diagnostic> d = only(lint(context("sqlite", from, to, c, sql)), Code.DD101);
      assertEquals(
          List.of(
              new Diagnostic(
                  Code.DD101,
                  Severity.ERROR,
                  "users.created_at: 3 rows would violate NOT NULL (no default given)",
                  0,
                  "users.created_at")),
          d);
      exec(c, "DELETE FROM users");
      assertEquals(List.of(), only(lint(context("sqlite", from, to, c, sql)), Code.DD101));
      Realm withDefault =
          realm(
              table(
                  "users",
                  ID,
                  col("name", "text", true),
                  col("created_at", "datetime", false).withDefault("CURRENT_TIMESTAMP")));
      exec(c, "INSERT INTO users (name) VALUES ('a')");
      assertEquals(List.of(), only(lint(context("sqlite", from, withDefault, c, sql)), Code.DD101));
    }
  }

  @Test
  void thousandsAreGrouped() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY)",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1204)"
                + " INSERT INTO users (id) SELECT i FROM n")) {
      Realm from = realm(table("users", ID));
      Realm to = realm(table("users", ID, col("created_at", "datetime", false)));
      assertEquals(
          "users.created_at: 1,204 rows would violate NOT NULL (no default given)",
          only(lint(context("sqlite", from, to, c)), Code.DD101).get(0).message());
    }
  }

  @Test
  void setNotNullOnColumnWithNulls() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, email text)",
            "INSERT INTO users (email) VALUES ('a@x'), (NULL), (NULL)")) {
      Realm from = realm(table("users", ID, col("email", "text", true)));
      Realm to = realm(table("users", ID, col("email", "text", false)));
      List<Diagnostic> d = only(lint(context("sqlite", from, to, c)), Code.DD102);
      assertEquals(1, d.size());
      assertEquals("users.email: 2 rows hold NULL and would violate NOT NULL", d.get(0).message());
      exec(c, "UPDATE users SET email = 'none' WHERE email IS NULL");
      assertEquals(List.of(), only(lint(context("sqlite", from, to, c)), Code.DD102));
    }
  }

  @Test
  void uniqueIndexOnDuplicates() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, email text)",
            "INSERT INTO users (email) VALUES ('a'), ('a'), ('b'), ('b'), ('b'), ('c'), (NULL),"
                + " (NULL)")) {
      Table before = table("users", ID, col("email", "text", true));
      Table after = before.withIndexes(List.of(Fixtures.unique("users_email", "email")));
      String sql = "CREATE UNIQUE INDEX users_email ON users (email)";
      List<Diagnostic> d =
          only(lint(context("sqlite", realm(before), realm(after), c, sql)), Code.DD103);
      assertEquals(
          "users(email): 5 rows share a value with another row; the unique index users_email"
              + " cannot be built",
          d.get(0).message());
      assertEquals(0, d.get(0).statement());
      exec(c, "DELETE FROM users WHERE email IN ('a', 'b') AND id NOT IN (1, 3)");
      assertEquals(
          List.of(),
          only(lint(context("sqlite", realm(before), realm(after), c, sql)), Code.DD103));
    }
  }

  @Test
  void varcharNarrowingCountsLongerValues() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(64))",
            "INSERT INTO users (name) VALUES ('"
                + "x".repeat(40)
                + "'), ('short'), ('"
                + "y".repeat(33)
                + "')")) {
      Realm from = realm(table("users", ID, col("name", "varchar(64)", true)));
      Realm to = realm(table("users", ID, col("name", "varchar(32)", true)));
      List<Diagnostic> d = only(lint(context("sqlite", from, to, c)), Code.DD104);
      assertEquals(1, d.size());
      assertEquals(Severity.WARNING, d.get(0).severity());
      assertEquals(
          "users.name: 2 rows longer than 32 characters would be truncated or rejected"
              + " (varchar(64) → varchar(32)); SQLite keeps them but the declared type no longer"
              + " holds",
          d.get(0).message());
      exec(c, "UPDATE users SET name = substr(name, 1, 32)");
      assertEquals(List.of(), only(lint(context("sqlite", from, to, c)), Code.DD104));
    }
  }

  @Test
  void integerNarrowingCountsValuesOutOfRange() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE orders (id integer PRIMARY KEY, total bigint)",
            "INSERT INTO orders (total) VALUES (5), (3000000000), (-2147483649), (2147483647)")) {
      Realm from = realm(table("orders", ID, col("total", "bigint", true)));
      Realm to = realm(table("orders", ID, col("total", "int", true)));
      Diagnostic d = only(lint(context("sqlite", from, to, c)), Code.DD104).get(0);
      assertEquals(
          "orders.total: 2 rows outside -2147483648..2147483647 would be rejected (bigint → int);"
              + " SQLite keeps them but the declared type no longer holds",
          d.message());
      exec(c, "DELETE FROM orders WHERE total > 2147483647 OR total < -2147483648");
      assertEquals(List.of(), only(lint(context("sqlite", from, to, c)), Code.DD104));
    }
  }

  @Test
  void removedInlineEnumValueStillUsed() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE posts (id integer PRIMARY KEY, state text)",
            "INSERT INTO posts (state) VALUES ('draft'), ('archived'), ('archived')")) {
      Realm from = realm(table("posts", ID, col("state", "enum('draft','live','archived')", true)));
      Realm to = realm(table("posts", ID, col("state", "enum('draft','live')", true)));
      LintReport r = lint(context("sqlite", from, to, c));
      assertEquals(
          "posts.state: 2 rows use removed enum value 'archived'",
          only(r, Code.DD105).get(0).message());
      assertEquals(1, only(r, Code.DS106).size());
      exec(c, "UPDATE posts SET state = 'draft'");
      assertEquals(List.of(), only(lint(context("sqlite", from, to, c)), Code.DD105));
    }
  }

  @Test
  void removedEnumTypeValueStillUsed() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE posts (id integer PRIMARY KEY, state status)",
            "INSERT INTO posts (state) VALUES ('old'), ('new')")) {
      Table posts = table("posts", ID, col("state", "status", true));
      Realm from = withEnum(posts, "new", "old");
      Realm to = withEnum(posts, "new");
      LintReport r = lint(context("postgres", from, to, c));
      assertEquals(
          "posts.state: 1 row uses removed enum value 'old'", only(r, Code.DD105).get(0).message());
      assertEquals("enum status loses 'old'", only(r, Code.DS106).get(0).message());
      exec(c, "DELETE FROM posts WHERE state = 'old'");
      assertEquals(List.of(), only(lint(context("postgres", from, to, c)), Code.DD105));
    }
  }

  private static Realm withEnum(Table t, String... values) {
    return new Realm(
        List.of(
            new dev.strata.model.Schema(
                "main",
                List.of(t),
                List.of(),
                List.of(),
                List.of(
                    new dev.strata.model.SchemaObject.EnumType("status", List.of(values), null)),
                null)));
  }

  @Test
  void offlineLintSkipsDataRules() {
    Realm from = realm(table("users", ID));
    Realm to = realm(table("users", ID, col("created_at", "datetime", false)));
    assertEquals(
        List.of(),
        only(lint(LintContext.offline("sqlite", Fixtures.plan(from, to), from, to)), Code.DD101));
  }
}
