package dev.strata.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of statement splitting. */
class SqliteScriptSplitterTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("SELECT 1; SELECT 2;", List.of("SELECT 1", "SELECT 2")),
        Arguments.of("SELECT 1;\n\n  SELECT 2", List.of("SELECT 1", "SELECT 2")),
        Arguments.of("SELECT ';'; SELECT 'it''s;'", List.of("SELECT ';'", "SELECT 'it''s;'")),
        Arguments.of(
            "CREATE TABLE \"a;b\" ([c;d] int, `e;f` int); SELECT 1",
            List.of("CREATE TABLE \"a;b\" ([c;d] int, `e;f` int)", "SELECT 1")),
        Arguments.of(
            "SELECT 1; -- a comment; still comment\nSELECT 2; /* block; */",
            List.of("SELECT 1", "-- a comment; still comment\nSELECT 2")),
        Arguments.of(
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); "
                + "UPDATE c SET x = CASE WHEN new.y THEN 1 ELSE 2 END; END; SELECT 3;",
            List.of(
                "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); "
                    + "UPDATE c SET x = CASE WHEN new.y THEN 1 ELSE 2 END; END",
                "SELECT 3")),
        Arguments.of(
            "create temp trigger if not exists t before delete on a begin select 1; end;"
                + "BEGIN; COMMIT;",
            List.of(
                "create temp trigger if not exists t before delete on a begin select 1; end",
                "BEGIN",
                "COMMIT")),
        Arguments.of(";;  ; -- only comments\n", List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void splits(String script, List<String> expected) {
    assertEquals(expected, SqliteScriptSplitter.split(script));
  }

  @Test
  void statementsRunOnSqlite() throws Exception {
    String script =
        "CREATE TABLE a (x int); CREATE TABLE log (m text);"
            + "CREATE TRIGGER a_ins AFTER INSERT ON a BEGIN"
            + " INSERT INTO log VALUES (CASE WHEN new.x > 1 THEN 'big;' ELSE 'small' END); END;"
            + "INSERT INTO a VALUES (1), (2);";
    try (var c = SqliteTestSupport.memory(script)) {
      assertEquals(
          List.of("small", "big;"), SqliteTestSupport.rows(c, "SELECT m FROM log ORDER BY rowid"));
    }
  }
}
