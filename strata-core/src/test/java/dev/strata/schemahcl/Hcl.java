package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.InputException;
import dev.strata.hcl.HclParser;
import dev.strata.model.Realm;
import dev.strata.model.Table;
import java.util.List;
import java.util.Map;

/** Test helpers: decode HCL text as the file "schema.hcl", and capture decoding errors. */
final class Hcl {
  private Hcl() {}

  static Realm decode(String hcl) {
    return decode(hcl, Map.of());
  }

  static Realm decode(String hcl, Map<String, String> vars) {
    return SchemaHclDecoder.decode(List.of(HclParser.parse(hcl, "schema.hcl")), vars, "sqlite");
  }

  static Table table(String hcl) {
    return decode(hcl).schemas().get(0).tables().get(0);
  }

  /** A one-table document around the given table body. */
  static Table tableBody(String body) {
    return table("schema \"main\" {}\ntable \"t\" {\n  schema = schema.main\n" + body + "\n}\n");
  }

  static String error(String hcl) {
    return error(hcl, Map.of());
  }

  static String error(String hcl, Map<String, String> vars) {
    return assertThrows(InputException.class, () -> decode(hcl, vars)).getMessage();
  }
}
