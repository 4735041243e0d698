package dev.strata.cli;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.json.Json;
import dev.strata.model.Realm;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclEncoder;
import java.util.Arrays;
import java.util.Locale;

/** Output formats of the schema commands. */
final class Formats {
  private Formats() {}

  static String check(String format, String... allowed) {
    String f = format.toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(f)) {
      throw new InputException(
          "unknown --format \"" + format + "\" (expected " + String.join(", ", allowed) + ")");
    }
    return f;
  }

  /** A schema as HCL, SQL (the statements that would create it) or JSON. */
  static String render(Realm realm, String format, Strata strata) {
    return switch (format) {
      case "hcl" -> SchemaHclEncoder.encode(realm, strata.dialect().name());
      case "sql" -> PlanText.sql(strata.createPlan(realm));
      case "json" -> Json.write(realm) + "\n";
      default -> throw new InputException("unknown format " + format);
    };
  }
}
