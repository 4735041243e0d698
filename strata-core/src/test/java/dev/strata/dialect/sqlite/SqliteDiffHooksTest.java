package dev.strata.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.model.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Equivalence rules: what differs only in spelling is the same, what SQLite keeps apart is not. */
class SqliteDiffHooksTest {
  private static final SqliteDiffHooks HOOKS = new SqliteDiffHooks();

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "integer | INTEGER | true",
        "varchar(255) | VARCHAR ( 255 ) | true",
        "numeric(10,2) | NUMERIC(10, 2) | true",
        "double  precision | DOUBLE PRECISION | true",
        "int | integer | false",
        "text | '' | false",
      })
  void types(String a, String b, boolean same) {
    assertEquals(same, HOOKS.sameType(new Column("c", a, true), new Column("c", b, true)));
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "'a' | 'a' | true",
        "'a' | 'A' | false",
        "(1 + 2) | 1+2 | true",
        "((0)) | 0 | true",
        "(1) + (2) | 1 + 2 | false",
        "CURRENT_TIMESTAMP | current_timestamp | true",
        "TRUE | true | true",
        "TRUE | 1 | false",
        "1 | 1.0 | false",
        "-1 | - 1 | true",
        "lower(\"Name\") | LOWER( name ) | true",
        "[a b] = `a b` | \"A B\" == \"a b\" | true",
        "a != b | a <> b | true",
        "'x' /* c */ | 'x' | true",
      })
  void expressions(String a, String b, boolean same) {
    assertEquals(same, HOOKS.sameDefault(a, b));
    assertEquals(same, HOOKS.sameExpr(a, b));
  }

  @Test
  void viewsAndTriggers() {
    assertTrue(
        HOOKS.sameViewDefinition(
            "SELECT a, b FROM t WHERE x = 1", "select \"a\",b\n  from [T] where x=1"));
    assertTrue(
        HOOKS.sameTriggerDefinition(
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END",
            "create trigger \"t\" after insert on a\nbegin select 1 ; end;"));
    assertFalse(HOOKS.sameViewDefinition("SELECT 'A' FROM t", "SELECT 'a' FROM t"));
    assertTrue(HOOKS.caseInsensitiveNames());
  }
}
