package dev.strata.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.Dialect;
import dev.strata.lint.rules.NamingRule;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analyzers other than the data-dependent ones ({@link DataRulesOnServersTest}) on SQLite, the
 * local PostgreSQL and the local MariaDB, planned from a live database with rows against desired
 * SQL: destructive findings with the row counts of the real tables, backward-incompatible renames,
 * probable renames, naming rules, and the locking findings of each dialect, which fire for tables
 * with rows and stay quiet once the table is empty. Every test makes its own database and drops it.
 */
class AnalyzersOnServersTest {
  @TempDir Path tmp;

  private List<Diagnostic> lint(TestDb db, String desiredSql, List<NamingRule> naming)
      throws Exception {
    Dialect d = Strata.dialectFor(db.url());
    Strata s = new Strata(new LoadContext(d, db.url(), null, Map.of(), null));
    Path f = Files.createTempFile(tmp, "desired", ".sql");
    Files.writeString(f, desiredSql);
    Realm desired = s.load("file://" + f);
    Realm current = s.inspect(db.url());
    Plan plan = s.plan(current, desired);
    assertTrue(!plan.isEmpty(), "the desired schema must differ: " + desiredSql);
    return s.review(db.url(), plan, current, desired, naming).lint().diagnostics();
  }

  private static List<String> messages(List<Diagnostic> found, Code code) {
    return found.stream().filter(x -> x.code() == code).map(Diagnostic::message).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void destructiveFindingsCountTheRowsThatGo(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, name varchar(20), nick varchar(20))",
          "CREATE TABLE logs (id int PRIMARY KEY)",
          "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')",
          "INSERT INTO logs (id) VALUES (1), (2), (3), (4), (5)");
      String desired = "CREATE TABLE users (id int PRIMARY KEY, name varchar(20));";
      List<Diagnostic> found = lint(db, desired, List.of());
      assertEquals(List.of("table logs is dropped with 5 rows"), messages(found, Code.DS102));
      assertEquals(
          List.of("column users.nick is dropped with the values of 3 rows"),
          messages(found, Code.DS103));
      assertTrue(
          found.stream()
              .filter(x -> x.code() == Code.DS102 || x.code() == Code.DS103)
              .allMatch(x -> x.severity() == Severity.ERROR),
          found.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void renamesAreBackwardIncompatibleAndUnhintedPairsAreProbableRenames(String dialect)
      throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, name varchar(20))",
          "INSERT INTO users (id, name) VALUES (1, 'a')");
      String hinted =
          "-- strata:renamed_from users\n"
              + "CREATE TABLE people (\n  id int PRIMARY KEY,\n"
              + "  -- strata:renamed_from name\n  full_name varchar(20)\n);";
      List<Diagnostic> found = lint(db, hinted, List.of());
      assertEquals(
          List.of("table users is renamed to people; clients using the old name will fail"),
          messages(found, Code.BC101));
      assertEquals(
          List.of(
              "column people.name is renamed to full_name; clients using the old name will fail"),
          messages(found, Code.BC102));
      assertEquals(List.of(), messages(found, Code.DS102), "a hinted rename drops nothing");

      String unhinted = "CREATE TABLE users (id int PRIMARY KEY, full_name varchar(20));";
      List<Diagnostic> pair = lint(db, unhinted, List.of());
      assertEquals(1, messages(pair, Code.RN102).size(), pair.toString());
      assertTrue(
          messages(pair, Code.RN102).get(0).contains("add renamed_from = \"name\""),
          pair.toString());
      assertEquals(
          List.of("column users.name is dropped with the values of 1 row"),
          messages(pair, Code.DS103));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void namingRulesCheckNewNamesOnly(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec("CREATE TABLE LegacyUsers (id int PRIMARY KEY)");
      String desired =
          "CREATE TABLE LegacyUsers (id int PRIMARY KEY);\n"
              + "CREATE TABLE orders (id int PRIMARY KEY, UserId int);\n"
              + "CREATE INDEX orders_user ON orders (UserId);";
      List<NamingRule> rules =
          List.of(
              new NamingRule("any", Pattern.compile("[a-z_]+"), null),
              new NamingRule("index", Pattern.compile("ix_[a-z_]+"), "indexes start with ix_"));
      List<String> found = messages(lint(db, desired, rules), Code.NM101);
      if (!dialect.equals("postgres")) { // PostgreSQL folds the unquoted UserId to userid
        assertTrue(
            found.contains("column orders.UserId: does not match [a-z_]+"), found.toString());
      }
      assertTrue(
          found.contains("index orders.orders_user: indexes start with ix_"), found.toString());
      assertTrue(
          found.stream().noneMatch(m -> m.toLowerCase().contains("legacyusers")),
          "existing names are not checked: " + found);
    }
  }

  /**
   * Each dialect's locking finding for a change to a table with rows: PostgreSQL builds an index
   * without CONCURRENTLY (LK101), MariaDB copies the table for a type change (LK107), SQLite
   * rebuilds it (LK108). Once the table is empty the finding goes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void lockingFindingsForTablesWithRowsOnly(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE events (id int PRIMARY KEY, kind varchar(20), n int)",
          "INSERT INTO events (id, kind, n) VALUES (1, 'a', 1), (2, 'b', 2)");
      if (dialect.equals("postgres")) {
        db.exec("ANALYZE events");
      } else if (dialect.equals("maria")) {
        db.exec("ANALYZE TABLE events");
      }
      String desired;
      Code code;
      switch (dialect) {
        case "postgres" -> {
          desired =
              "CREATE TABLE events (id int PRIMARY KEY, kind varchar(20), n int);"
                  + "CREATE INDEX events_kind ON events (kind);";
          code = Code.LK101;
        }
        case "maria" -> {
          desired = "CREATE TABLE events (id int PRIMARY KEY, kind varchar(20), n bigint);";
          code = Code.LK107;
        }
        default -> {
          desired = "CREATE TABLE events (id int PRIMARY KEY, kind varchar(20), n bigint);";
          code = Code.LK108;
        }
      }
      List<String> found = messages(lint(db, desired, List.of()), code);
      assertEquals(1, found.size(), code + " expected: " + found);
      assertTrue(found.get(0).contains("events"), found.get(0));
      db.exec("DELETE FROM events");
      if (dialect.equals("postgres")) {
        db.exec("VACUUM ANALYZE events");
      } else if (dialect.equals("maria")) {
        db.exec("ANALYZE TABLE events");
      }
      assertEquals(List.of(), messages(lint(db, desired, List.of()), code));
    }
  }

  /**
   * PostgreSQL's other locking findings on a real table with rows: a rewriting type change (LK102),
   * a volatile default (LK103), SET NOT NULL (LK104), a foreign key and a check validated under
   * lock (LK105, LK106), each suggesting the way around; none once the table is empty.
   */
  @org.junit.jupiter.api.Test
  void postgresRewritesScansAndValidationsOnATableWithRows() throws Exception {
    try (TestDb db = TestDb.create("postgres", tmp)) {
      db.exec(
          "CREATE TABLE teams (id int PRIMARY KEY)",
          "CREATE TABLE users (id int PRIMARY KEY, age int, nick text, team int)",
          "INSERT INTO teams VALUES (1)",
          "INSERT INTO users VALUES (1, 30, 'a', 1), (2, 40, 'b', 1)",
          "ANALYZE users");
      String desired =
          "CREATE TABLE teams (id int PRIMARY KEY);\n"
              + "CREATE TABLE users (id int PRIMARY KEY, age bigint, nick text NOT NULL,"
              + " team int CONSTRAINT users_team_fk REFERENCES teams (id),"
              + " token uuid DEFAULT gen_random_uuid(),"
              + " CONSTRAINT users_age_check CHECK (age > 0));";
      List<Diagnostic> found = lint(db, desired, List.of());
      assertEquals(
          List.of(
              "users.age: changing the type from integer to bigint rewrites users under an"
                  + " ACCESS EXCLUSIVE lock"),
          messages(found, Code.LK102));
      assertEquals(1, messages(found, Code.LK103).size(), found.toString());
      assertTrue(
          messages(found, Code.LK103).get(0).contains("gen_random_uuid()"), found.toString());
      assertEquals(
          List.of(
              "users.nick: SET NOT NULL scans users under an ACCESS EXCLUSIVE lock; add CHECK (nick"
                  + " IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL"),
          messages(found, Code.LK104));
      assertEquals(1, messages(found, Code.LK105).size(), found.toString());
      assertTrue(
          messages(found, Code.LK105).get(0).contains("NOT VALID, then VALIDATE CONSTRAINT"),
          found.toString());
      assertEquals(1, messages(found, Code.LK106).size(), found.toString());

      db.exec("DELETE FROM users", "VACUUM ANALYZE users");
      List<Diagnostic> empty = lint(db, desired, List.of());
      for (Code c : List.of(Code.LK102, Code.LK103, Code.LK104, Code.LK105, Code.LK106)) {
        assertEquals(List.of(), messages(empty, c), c + " on an empty table: " + empty);
      }
    }
  }

  /** A table dropped and another of the same shape added, without a hint: a probable rename. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void tableDroppedAndSameShapeAddedIsAProbableRename(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      db.exec(
          "CREATE TABLE users (id int PRIMARY KEY, name varchar(20))",
          "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b')");
      List<Diagnostic> found =
          lint(db, "CREATE TABLE people (id int PRIMARY KEY, name varchar(20));", List.of());
      List<String> rn = messages(found, Code.RN101);
      assertEquals(1, rn.size(), found.toString());
      assertTrue(rn.get(0).contains("add renamed_from = \"users\" to table \"people\""), rn.get(0));
      assertEquals(List.of("table users is dropped with 2 rows"), messages(found, Code.DS102));
    }
  }

  /** PostgreSQL: a dropped schema, a dropped function and a removed enum value. */
  @org.junit.jupiter.api.Test
  void postgresSchemaRoutineAndEnumValueDrops() throws Exception {
    try (TestDb db = TestDb.create("postgres", tmp)) {
      db.exec(
          "CREATE SCHEMA extra",
          "CREATE TABLE extra.t (id int PRIMARY KEY)",
          "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
          "CREATE TABLE notes (id int PRIMARY KEY, m mood)",
          "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'");
      List<Diagnostic> found =
          lint(
              db,
              "CREATE TYPE mood AS ENUM ('sad', 'ok');"
                  + " CREATE TABLE notes (id int PRIMARY KEY, m mood);",
              List.of());
      assertEquals(1, messages(found, Code.DS101).size(), found.toString());
      assertTrue(messages(found, Code.DS101).get(0).contains("extra"), found.toString());
      assertEquals(1, messages(found, Code.DS105).size(), found.toString());
      assertTrue(messages(found, Code.DS105).get(0).contains("one"), found.toString());
      assertEquals(1, messages(found, Code.DS106).size(), found.toString());
      assertTrue(messages(found, Code.DS106).get(0).contains("happy"), found.toString());
    }
  }

  /** MariaDB: an inline enum column loses a value. */
  @org.junit.jupiter.api.Test
  void mariaEnumValueRemoved() throws Exception {
    try (TestDb db = TestDb.create("maria", tmp)) {
      db.exec("CREATE TABLE notes (id int PRIMARY KEY, m enum('sad', 'ok', 'happy'))");
      List<Diagnostic> found =
          lint(db, "CREATE TABLE notes (id int PRIMARY KEY, m enum('sad', 'ok'));", List.of());
      assertEquals(1, messages(found, Code.DS106).size(), found.toString());
      assertTrue(messages(found, Code.DS106).get(0).contains("happy"), found.toString());
    }
  }
}
