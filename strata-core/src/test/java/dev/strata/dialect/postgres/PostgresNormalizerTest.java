package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresNormalizerTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "int4|integer",
        "INT|integer",
        "int8[]|bigint[]",
        "varchar(20)|character varying(20)",
        "character varying ( 20 )|character varying(20)",
        "timestamp|timestamp without time zone",
        "timestamp(3)|timestamp(3) without time zone",
        "timestamptz|timestamp with time zone",
        "timestamp(6) with time zone|timestamp(6) with time zone",
        "numeric(10, 2)|numeric(10,2)",
        "bpchar|character(1)",
        "bool|boolean",
        "\"Mood\"|mood"
      })
  void types(String spelled, String canonical) {
    assertEquals(PostgresNormalizer.type(canonical), PostgresNormalizer.type(spelled));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "now()|CURRENT_TIMESTAMP",
        "'a'::text|'a'",
        "'x'::character varying|'x'",
        "('{}'::jsonb)|'{}'",
        "(a  >  0)|a > 0",
        "\"col\" IS NOT NULL|col is not null",
        "lower( name )|lower(name)"
      })
  void expressions(String spelled, String canonical) {
    assertEquals(PostgresNormalizer.expr(canonical), PostgresNormalizer.expr(spelled));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {"'A'|'a'", "\"Col\"|col", "a + b|a - b"})
  void differences(String a, String b) {
    org.junit.jupiter.api.Assertions.assertNotEquals(
        PostgresNormalizer.expr(a), PostgresNormalizer.expr(b));
  }
}
