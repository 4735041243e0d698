package dev.strata.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.Dialect;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each data-dependent rule (DD101 to DD105) end to end on SQLite, the local PostgreSQL and the
 * local MariaDB: a real table with rows, the desired schema loaded from SQL (through the dialect's
 * dev database), the plan inspected from the live database and linted against its data. The finding
 * must give the right count, and must disappear once the data is fixed. Every test makes its own
 * database and drops it.
 */
class DataRulesOnServersTest {
  @TempDir Path tmp;

  /** The findings of {@code code} for migrating {@code db} to {@code desiredSql}. */
  private List<Diagnostic> lint(TestDb db, String desiredSql, Code code) throws Exception {
    Dialect d = Strata.dialectFor(db.url());
    Strata s = new Strata(new LoadContext(d, db.url(), null, Map.of(), null));
    Path f = Files.createTempFile(tmp, "desired", ".sql");
    Files.writeString(f, desiredSql);
    Realm desired = s.load("file://" + f);
    Realm current = s.inspect(db.url());
    Plan plan = s.plan(current, desired);
    assertTrue(!plan.isEmpty(), "the desired schema must differ: " + desiredSql);
    return s.review(db.url(), plan, current, desired, List.of()).lint().diagnostics().stream()
        .filter(x -> x.code() == code)
        .toList();
  }

  private static Diagnostic one(List<Diagnostic> found) {
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void notNullColumnAddedWithoutDefault(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, name varchar(20))",
          "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      String desired =
          "CREATE TABLE users (id int PRIMARY KEY, name varchar(20), score int NOT NULL);";
      Diagnostic d = one(lint(db, desired, Code.DD101));
      assertEquals("users.score: 3 rows would violate NOT NULL (no default given)", d.message());
      assertEquals(Severity.ERROR, d.severity());
      db.exec("DELETE FROM users");
      assertEquals(List.of(), lint(db, desired, Code.DD101));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void setNotNullOnColumnWithNulls(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, email varchar(20))",
          "INSERT INTO users (id, email) VALUES (1, 'a@x'), (2, NULL), (3, NULL)");
      String desired = "CREATE TABLE users (id int PRIMARY KEY, email varchar(20) NOT NULL);";
      Diagnostic d = one(lint(db, desired, Code.DD102));
      assertEquals("users.email: 2 rows hold NULL and would violate NOT NULL", d.message());
      db.exec("UPDATE users SET email = 'none' WHERE email IS NULL");
      assertEquals(List.of(), lint(db, desired, Code.DD102));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void uniqueIndexOverDuplicates(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, email varchar(20))",
          "INSERT INTO users (id, email) VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'b'),"
              + " (6, 'c'), (7, NULL), (8, NULL)");
      String desired =
          "CREATE TABLE users (id int PRIMARY KEY, email varchar(20));"
              + "CREATE UNIQUE INDEX users_email ON users (email);";
      Diagnostic d = one(lint(db, desired, Code.DD103));
      assertEquals(
          "users(email): 5 rows share a value with another row; the unique index users_email"
              + " cannot be built",
          d.message());
      db.exec("DELETE FROM users WHERE id IN (2, 4, 5)");
      assertEquals(List.of(), lint(db, desired, Code.DD103));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void primaryKeyAndUniqueConstraintOverDuplicates(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE items (id int NOT NULL, code varchar(10))",
          "INSERT INTO items (id, code) VALUES (1, 'a'), (1, 'b'), (2, 'b'), (3, 'c')");
      String desired =
          "CREATE TABLE items (id int NOT NULL, code varchar(10), PRIMARY KEY (id),"
              + " CONSTRAINT items_code_key UNIQUE (code));";
      List<Diagnostic> found = lint(db, desired, Code.DD103);
      List<String> messages = found.stream().map(Diagnostic::message).sorted().toList();
      assertEquals(
          List.of(
              "items(code): 2 rows share a value with another row; the unique index"
                  + " items_code_key cannot be built",
              "items(id): 2 rows share a value with another row; the unique primary key cannot"
                  + " be built"),
          messages);
      db.exec(
          "UPDATE items SET id = 4 WHERE code = 'a'", "UPDATE items SET code = 'e' WHERE id = 2");
      assertEquals(List.of(), lint(db, desired, Code.DD103));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void varcharNarrowedBelowLongerValues(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, name varchar(64))",
          "INSERT INTO users (id, name) VALUES (1, '"
              + "x".repeat(40)
              + "'), (2, 'short'), (3, '"
              + "y".repeat(33)
              + "'), (4, '"
              + "z".repeat(32)
              + "')");
      String desired = "CREATE TABLE users (id int PRIMARY KEY, name varchar(32));";
      Diagnostic d = one(lint(db, desired, Code.DD104));
      assertTrue(
          d.message()
              .startsWith(
                  "users.name: 2 rows longer than 32 characters would be truncated or rejected"),
          d.message());
      assertEquals(dialect.equals("sqlite") ? Severity.WARNING : Severity.ERROR, d.severity());
      db.exec("UPDATE users SET name = 'fixed' WHERE id IN (1, 3)");
      assertEquals(List.of(), lint(db, desired, Code.DD104));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void bigintNarrowedToIntBelowLargeValues(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE orders (id int PRIMARY KEY, total bigint)",
          "INSERT INTO orders (id, total) VALUES (1, 5), (2, 3000000000), (3, -2147483649),"
              + " (4, 2147483647), (5, NULL)");
      String desired = "CREATE TABLE orders (id int PRIMARY KEY, total int);";
      Diagnostic d = one(lint(db, desired, Code.DD104));
      assertTrue(
          d.message().startsWith("orders.total: 2 rows outside -2147483648..2147483647 would be"),
          d.message());
      assertEquals(dialect.equals("sqlite") ? Severity.WARNING : Severity.ERROR, d.severity());
      db.exec("DELETE FROM orders WHERE id IN (2, 3)");
      assertEquals(List.of(), lint(db, desired, Code.DD104));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "maria"})
  void enumValueRemovedWhileRowsUseIt(String dialect) throws Exception {
    boolean pg = dialect.equals("postgres");
    try (TestDb db = TestDb.create(dialect, tmp)) {
      if (pg) {
        db.exec(
            "CREATE TYPE status AS ENUM ('new', 'busy', 'done')",
            "CREATE TABLE jobs (id int PRIMARY KEY, s status)");
      } else {
        db.exec("CREATE TABLE jobs (id int PRIMARY KEY, s enum('new', 'busy', 'done'))");
      }
      db.exec("INSERT INTO jobs (id, s) VALUES (1, 'new'), (2, 'busy'), (3, 'busy'), (4, 'done')");
      String desired =
          pg
              ? "CREATE TYPE status AS ENUM ('new', 'done');"
                  + "CREATE TABLE jobs (id int PRIMARY KEY, s status);"
              : "CREATE TABLE jobs (id int PRIMARY KEY, s enum('new', 'done'));";
      Diagnostic d = one(lint(db, desired, Code.DD105));
      assertEquals("jobs.s: 2 rows use removed enum value 'busy'", d.message());
      assertEquals(Severity.ERROR, d.severity());
      db.exec("UPDATE jobs SET s = 'done' WHERE s = 'busy'");
      assertEquals(List.of(), lint(db, desired, Code.DD105));
    }
  }
}
