package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostgresSplitterTest {
  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("SELECT 1; SELECT 2;", List.of("SELECT 1", "SELECT 2")),
        Arguments.of("SELECT ';'; SELECT 'it''s;'", List.of("SELECT ';'", "SELECT 'it''s;'")),
        Arguments.of("SELECT E'a\\';b'; SELECT 2", List.of("SELECT E'a\\';b'", "SELECT 2")),
        Arguments.of("CREATE TABLE \"a;b\" (x int);", List.of("CREATE TABLE \"a;b\" (x int)")),
        Arguments.of(
            "-- c;\nSELECT 1; /* x; /* y; */ */ SELECT 2",
            List.of("-- c;\nSELECT 1", "/* x; /* y; */ */ SELECT 2")),
        Arguments.of(
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 3",
            List.of("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 3")),
        Arguments.of(
            "DO $body$ BEGIN PERFORM '$$;'; END $body$; SELECT 4",
            List.of("DO $body$ BEGIN PERFORM '$$;'; END $body$", "SELECT 4")),
        Arguments.of(
            "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN"
                + " true THEN 2 END; END; SELECT 5",
            List.of(
                "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE"
                    + " WHEN true THEN 2 END; END",
                "SELECT 5")),
        Arguments.of("SELECT $1::int; -- only a comment;\n", List.of("SELECT $1::int")),
        Arguments.of("  ;; -- nothing\n", List.of()));
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void splits(String script, List<String> expected) {
    assertEquals(expected, PostgresSplitter.split(script));
  }
}
