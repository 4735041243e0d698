package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.hcl.HclParser;
import dev.strata.model.Realm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property: for random decoder-shaped realms, decode(encode(realm)) equals realm. */
class SchemaHclRoundTripTest {
  private static final int RUNS = 200;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "mysql"})
  void decodeOfEncodeIsIdentity(String dialect) {
    Map<String, Integer> seen = new java.util.TreeMap<>();
    for (long seed = 0; seed < RUNS; seed++) {
      Realm realm = new RealmGenerator(seed, dialect).realm();
      String hcl = SchemaHclEncoder.encode(realm, dialect);
      Realm again;
      try {
        again = SchemaHclDecoder.decode(List.of(HclParser.parse(hcl, "rt.hcl")), Map.of(), dialect);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + hcl, e);
      }
      assertEquals(realm, again, "seed " + seed + "\n" + hcl);
      assertEquals(hcl, SchemaHclEncoder.encode(again, dialect), "seed " + seed);
      for (String feature :
          List.of(
              "table \"",
              "view \"",
              "trigger \"",
              "after {",
              "<<-SQL",
              "sql(\"",
              "[\"",
              "foreign_key",
              "on {",
              "as {",
              "ref_columns = [table.")) {
        if (hcl.contains(feature)) {
          seen.merge(feature, 1, Integer::sum);
        }
      }
      if (java.util.regex.Pattern.compile("table \"[^\"]*\" \"").matcher(hcl).find()) {
        seen.merge("two labels", 1, Integer::sum);
      }
    }
    assertEquals(12, seen.size(), "generator covers every encoder form: " + seen);
    seen.forEach((f, n) -> org.junit.jupiter.api.Assertions.assertTrue(n >= 10, f + ": " + n));
  }
}
