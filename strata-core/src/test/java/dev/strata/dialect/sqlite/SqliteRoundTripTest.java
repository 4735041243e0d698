package dev.strata.dialect.sqlite;

import static dev.strata.dialect.sqlite.SqliteTestSupport.apply;
import static dev.strata.dialect.sqlite.SqliteTestSupport.diff;
import static dev.strata.dialect.sqlite.SqliteTestSupport.exec;
import static dev.strata.dialect.sqlite.SqliteTestSupport.inspect;
import static dev.strata.dialect.sqlite.SqliteTestSupport.memory;
import static dev.strata.dialect.sqlite.SqliteTestSupport.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips on real databases: database A gets the current schema and rows, database B the
 * desired schema; the plan from A to B is applied to A in one transaction with foreign keys on, A
 * must then inspect equal to B, its rows must have survived, and the plan's reverse must bring A
 * back to where it started.
 */
class SqliteRoundTripTest {

  /** One case: schemas, rows to insert first, a query and the rows it must return afterwards. */
  record Case(
      String name,
      String current,
      String desired,
      String data,
      boolean rebuild,
      String query,
      List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String USERS = "CREATE TABLE users (id integer PRIMARY KEY, name text);";
  static final String USERS_DATA = "INSERT INTO users (id, name) VALUES (1, 'ann'), (2, 'bob');";
  static final String Q_USERS = "SELECT * FROM users ORDER BY id";

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "add not null column with default",
            USERS,
            "CREATE TABLE users (id integer PRIMARY KEY, name text, age int NOT NULL DEFAULT 0);",
            USERS_DATA,
            false,
            Q_USERS,
            List.of("1|ann|0", "2|bob|0")),
        new Case(
            "drop column",
            USERS,
            "CREATE TABLE users (id integer PRIMARY KEY);",
            USERS_DATA,
            false,
            Q_USERS,
            List.of("1", "2")),
        new Case(
            "change column type keeps rows",
            USERS,
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL DEFAULT '');",
            USERS_DATA,
            true,
            Q_USERS,
            List.of("1|ann", "2|bob")),
        new Case(
            "add and drop index",
            USERS + "CREATE INDEX users_name ON users (name);",
            USERS + "CREATE UNIQUE INDEX users_lname ON users (lower(name) DESC) WHERE id > 0;",
            USERS_DATA,
            false,
            Q_USERS,
            List.of("1|ann", "2|bob")),
        new Case(
            "add foreign key rebuilds the child",
            USERS + "CREATE TABLE posts (id integer PRIMARY KEY, user_id int);",
            USERS
                + "CREATE TABLE posts (id integer PRIMARY KEY, user_id int"
                + " REFERENCES users (id) ON DELETE CASCADE);",
            USERS_DATA + "INSERT INTO posts VALUES (10, 1), (11, 2);",
            true,
            "SELECT * FROM posts ORDER BY id",
            List.of("10|1", "11|2")),
        new Case(
            "rebuild a parent keeps children and their rows",
            USERS + "CREATE TABLE posts (id integer PRIMARY KEY, user_id int REFERENCES users);",
            "CREATE TABLE users (id integer PRIMARY KEY, name text COLLATE NOCASE);"
                + "CREATE TABLE posts (id integer PRIMARY KEY, user_id int REFERENCES users);",
            USERS_DATA + "INSERT INTO posts VALUES (10, 1), (11, 2);",
            true,
            "SELECT p.id, u.name FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id",
            List.of("10|ann", "11|bob")),
        new Case(
            "add check",
            USERS,
            "CREATE TABLE users (id integer PRIMARY KEY, name text,"
                + " CONSTRAINT name_len CHECK (length(name) < 10));",
            USERS_DATA,
            true,
            Q_USERS,
            List.of("1|ann", "2|bob")),
        new Case(
            "strict on",
            USERS,
            "CREATE TABLE users (id integer PRIMARY KEY, name text) STRICT;",
            USERS_DATA,
            true,
            Q_USERS,
            List.of("1|ann", "2|bob")),
        new Case(
            "strict off and without rowid",
            "CREATE TABLE kv (k text PRIMARY KEY, v text) STRICT;",
            "CREATE TABLE kv (k text PRIMARY KEY, v text) WITHOUT ROWID;",
            "INSERT INTO kv VALUES ('a', 'x');",
            true,
            "SELECT * FROM kv",
            List.of("a|x")),
        new Case(
            "view over rebuilt table",
            USERS
                + "CREATE VIEW named (i, n) AS SELECT id, name FROM users WHERE name IS NOT NULL;",
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(20));"
                + "CREATE VIEW named (i, n) AS SELECT id, name FROM users WHERE name IS NOT NULL;",
            USERS_DATA,
            true,
            "SELECT n FROM named ORDER BY i",
            List.of("ann", "bob")),
        new Case(
            "trigger survives rebuild",
            USERS
                + "CREATE TABLE log (msg text);"
                + "CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN"
                + " INSERT INTO log VALUES (new.name); END;",
            "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL DEFAULT 'x');"
                + "CREATE TABLE log (msg text);"
                + "CREATE TRIGGER users_ins AFTER INSERT ON users BEGIN"
                + " INSERT INTO log VALUES (new.name); END;",
            USERS_DATA,
            true,
            "SELECT * FROM log",
            List.of("ann", "bob")),
        new Case(
            "unique constraint, autoincrement and generated columns",
            "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, a int, b int);",
            "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, a int UNIQUE, b int,"
                + " c int GENERATED ALWAYS AS (a + b) STORED, d int AS (a * 2));",
            "INSERT INTO t (a, b) VALUES (1, 2), (3, 4);",
            true,
            "SELECT * FROM t ORDER BY id",
            List.of("1|1|2|3|2", "2|3|4|7|6")),
        new Case(
            "create and drop tables in foreign key order",
            "CREATE TABLE a (id integer PRIMARY KEY);"
                + "CREATE TABLE b (id integer PRIMARY KEY, a_id int REFERENCES a (id));",
            "CREATE TABLE c (id integer PRIMARY KEY, d_id int REFERENCES d (id));"
                + "CREATE TABLE d (id integer PRIMARY KEY, c_id int REFERENCES c (id));"
                + "CREATE VIEW cd AS SELECT * FROM c JOIN d ON d.id = c.d_id;"
                + "CREATE VIEW cd2 AS SELECT * FROM cd;",
            "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);",
            false,
            "SELECT count(*) FROM cd2",
            List.of("0")),
        new Case(
            "primary key change with composite key and named constraints",
            "CREATE TABLE m (a int NOT NULL, b int NOT NULL, c text, CONSTRAINT pk PRIMARY KEY (a));",
            "CREATE TABLE m (a int NOT NULL, b int NOT NULL, c text COLLATE NOCASE,"
                + " CONSTRAINT pk2 PRIMARY KEY (a, b DESC), CONSTRAINT uq UNIQUE (c));",
            "INSERT INTO m VALUES (1, 1, 'x'), (2, 1, 'y');",
            true,
            "SELECT * FROM m ORDER BY a",
            List.of("1|1|x", "2|1|y")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convergesKeepsRowsAndReverses(Case c) throws SQLException {
    try (Connection a = memory(c.current());
        Connection b = memory(c.desired())) {
      exec(a, c.data());
      Realm start = inspect(a);
      Realm target = inspect(b);
      Plan plan = SqliteTestSupport.DIALECT.planner().plan(diff(start, target), start, target);
      assertFalse(plan.isEmpty(), "plan is empty");
      assertEquals(c.rebuild(), SqliteDialect.rebuilds(plan), "rebuild decision");
      apply(a, plan);
      assertEquals(target, inspect(a), () -> "after plan:\n" + sql(plan));
      assertTrue(diff(inspect(a), target).isEmpty());
      assertEquals(c.expected(), rows(a, c.query()));
      assertEquals(List.of("1"), rows(a, "PRAGMA foreign_keys"), "foreign keys restored");

      if (plan.statements().stream().allMatch(s -> s.reverse() != null)) {
        apply(a, plan, plan.reverse());
        assertEquals(
            start, inspect(a), () -> "after reverse:\n" + String.join(";\n", plan.reverse()));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void foreignKeyViolationRollsBack() throws SQLException {
    String current = USERS + "CREATE TABLE posts (id integer PRIMARY KEY, user_id int);";
    String desired =
        USERS + "CREATE TABLE posts (id integer PRIMARY KEY, user_id int REFERENCES users (id));";
    try (Connection a = memory(current);
        Connection b = memory(desired)) {
      exec(a, USERS_DATA + "INSERT INTO posts VALUES (10, 99);");
      Realm start = inspect(a);
      Realm target = inspect(b);
      Plan plan = SqliteTestSupport.DIALECT.planner().plan(diff(start, target), start, target);
      SQLException e = assertThrows(SQLException.class, () -> apply(a, plan));
      assertTrue(e.getMessage().contains("table posts rowid 1"), e.getMessage());
      assertEquals(start, inspect(a));
      assertEquals(List.of("10|99"), rows(a, "SELECT * FROM posts"));
      assertEquals(List.of("1"), rows(a, "PRAGMA foreign_keys"));
    }
  }

  @org.junit.jupiter.api.Test
  void rebuildKeepsTheAutoincrementHighWaterMark() throws SQLException {
    String current = "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, a int);";
    String desired =
        "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, a text NOT NULL DEFAULT '');";
    try (Connection a = memory(current);
        Connection b = memory(desired)) {
      exec(a, "INSERT INTO t (a) VALUES (1), (2), (3); DELETE FROM t WHERE id = 3;");
      Realm start = inspect(a);
      Realm target = inspect(b);
      Plan plan = SqliteTestSupport.DIALECT.planner().plan(diff(start, target), start, target);
      apply(a, plan);
      exec(a, "INSERT INTO t (a) VALUES ('x')");
      assertEquals(List.of("1|1", "2|2", "4|x"), rows(a, "SELECT * FROM t ORDER BY id"));
      assertEquals(List.of("t|4"), rows(a, "SELECT * FROM sqlite_sequence"));
      apply(a, plan, plan.reverse());
      assertEquals(start, inspect(a));
      assertEquals(List.of("t|4"), rows(a, "SELECT * FROM sqlite_sequence"));
    }
  }

  private static String sql(Plan p) {
    return String.join(";\n", p.statements().stream().map(Statement::sql).toList());
  }
}
