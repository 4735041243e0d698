package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks the encoder uses to choose between HCL literals and {@code sql("...")}. */
class SqlTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "integer | true",
        "varchar(255) | true",
        "decimal(10,2) | true",
        "decimal(10, 2) | false",
        "int unsigned | false",
        "true | false",
        "null | false",
        "sql(1) | false",
        "varchar(01) | false",
        "enum('a') | false"
      })
  void bareTypes(String type, boolean bare) {
    assertEquals(bare, SqlText.isBareType(type));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "'abc' | abc",
        "'it''s' | it's",
        "'' | ''",
        "'a'+'b' | ",
        "'abc | ",
        "abc | ",
        "''' | "
      })
  void stringLiterals(String sql, String content) {
    Optional<String> expected =
        content == null ? Optional.empty() : Optional.of(content.equals("''") ? "" : content);
    assertEquals(expected, SqlText.unquote(sql));
  }
}
