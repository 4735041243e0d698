package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.InputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every decoding error, with its exact text and position. */
class SchemaHclDecoderErrorsTest {
  /** A document whose table "users" gets {@code body} after its column "id". */
  private static String users(String body) {
    return "schema \"main\" {}\n"
        + "table \"users\" {\n"
        + "  schema = schema.main\n"
        + "  column \"id\" {\n"
        + "    type = integer\n"
        + "  }\n"
        + body
        + "}\n";
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            users("  primary_key {\n    columns = [column.idd]\n  }\n"),
            "schema.hcl:8:16: column \"idd\" not found in table \"users\""),
        Arguments.of(
            users("  column \"name\" {\n    nul = true\n    type = text\n  }\n"),
            "schema.hcl:8:5: unknown attribute \"nul\" in column \"name\""),
        Arguments.of(
            users("  column \"name\" {\n    null = 1\n    type = text\n  }\n"),
            "schema.hcl:8:12: null must be a bool"),
        Arguments.of(
            users("  column \"name\" {\n    null = true\n  }\n"),
            "schema.hcl:7:3: column \"name\": missing type"),
        Arguments.of(
            users("  column \"id\" {\n    type = text\n  }\n"),
            "schema.hcl:7:3: duplicate column \"id\", first defined at schema.hcl:4:3"),
        Arguments.of(
            users("") + "table \"users\" {\n  schema = schema.main\n}\n",
            "schema.hcl:8:1: duplicate table \"users\", first defined at schema.hcl:2:1"),
        Arguments.of(
            users("  indexx \"i\" {\n  }\n"),
            "schema.hcl:7:3: unknown block \"indexx\" in table \"users\""),
        Arguments.of("tabel \"t\" {\n}\n", "schema.hcl:1:1: unknown block \"tabel\""),
        Arguments.of("x = 1\n", "schema.hcl:1:1: unknown attribute \"x\" at top level"),
        Arguments.of(
            "schema \"main\" {}\ntable \"t\" {\n  schema = schema.mian\n}\n",
            "schema.hcl:3:12: schema \"mian\" not found"),
        Arguments.of(
            "schema \"main\" {}\ntable \"t\" {\n  schema = \"main\"\n}\n",
            "schema.hcl:3:12: schema must be a reference to a schema (schema.NAME)"),
        Arguments.of(
            "schema \"a\" {}\nschema \"b\" {}\ntable \"t\" {\n}\n",
            "schema.hcl:3:1: table \"t\": missing schema (2 schemas declared)"),
        Arguments.of(
            "table \"t\" {\n}\n",
            "schema.hcl:1:1: table \"t\": missing schema (no schema block declared)"),
        Arguments.of(
            users(
                "  foreign_key \"fk\" {\n    columns = [column.id]\n"
                    + "    ref_columns = [table.userz.column.id]\n  }\n"),
            "schema.hcl:9:20: table \"userz\" not found"),
        Arguments.of(
            users(
                "  foreign_key \"fk\" {\n    columns = [column.id]\n"
                    + "    ref_columns = [table.users.column.id]\n    on_delete = DROP\n  }\n"),
            "schema.hcl:10:17: on_delete must be one of NO_ACTION, RESTRICT, CASCADE, SET_NULL,"
                + " SET_DEFAULT"),
        Arguments.of(
            users("  foreign_key \"fk\" {\n    columns = [column.id]\n  }\n"),
            "schema.hcl:7:3: foreign_key \"fk\": missing ref_columns"),
        Arguments.of(
            users(
                "  index \"i\" {\n    columns = [column.id]\n    on {\n      column = column.id\n"
                    + "    }\n  }\n"),
            "schema.hcl:7:3: index \"i\": needs either columns or on blocks"),
        Arguments.of(
            users("  index \"i\" {\n    columns = column.id\n  }\n"),
            "schema.hcl:8:15: columns must be a list"),
        Arguments.of(
            users("  index {\n    columns = [column.id]\n  }\n"),
            "schema.hcl:7:3: index block needs exactly one label (its name)"),
        Arguments.of(users("  check \"c\" {\n  }\n"), "schema.hcl:7:3: check \"c\": missing expr"),
        Arguments.of(
            users("  column \"name\" {\n    type = \"text\"\n  }\n"),
            "schema.hcl:8:12: type must be a type name (integer), a call (varchar(255)) or"
                + " sql(\"...\")"),
        Arguments.of(
            users("  column \"name\" {\n    type = text\n    default = CURRENT_TIMESTAMP\n  }\n"),
            "schema.hcl:9:15: default must be a string, number or bool literal, or sql(\"...\")"),
        Arguments.of(
            users("  column \"name\" {\n    type = text\n    default = sql(1)\n  }\n"),
            "schema.hcl:9:15: sql() takes one string argument"),
        Arguments.of(
            users("  column \"name\" {\n    type = text\n    default = var.nope\n  }\n"),
            "schema.hcl:9:15: unknown variable \"nope\""),
        Arguments.of(
            users("  column \"name\" {\n    type = text\n    default = local.nope\n  }\n"),
            "schema.hcl:9:15: unknown local \"nope\""),
        Arguments.of(
            "locals {\n  a = local.b\n  b = local.a\n}\n" + users("  comment = local.a\n"),
            "schema.hcl:3:7: local \"a\" refers to itself"),
        Arguments.of(
            "variable \"v\" {\n  type = string\n}\n" + users(""),
            "schema.hcl:1:1: missing value for required variable \"v\""),
        Arguments.of(
            users(
                "  column \"g\" {\n    type = int\n    as {\n      expr = \"1\"\n"
                    + "      type = LATER\n    }\n  }\n"),
            "schema.hcl:11:14: type must be STORED or VIRTUAL"),
        Arguments.of(
            users("") + "view \"v\" {\n  schema = schema.main\n}\n",
            "schema.hcl:8:1: view \"v\": missing as"),
        Arguments.of(
            users("") + "trigger \"t\" {\n  on = table.nope\n  as = \"BEGIN END\"\n}\n",
            "schema.hcl:9:8: table \"nope\" not found"),
        Arguments.of(
            users("")
                + "trigger \"t\" {\n  on = table.users\n  after {\n  }\n"
                + "  as = \"BEGIN SELECT 1; END\"\n}\n",
            "schema.hcl:10:3: after: needs an event (insert, update, update_of or delete)"),
        Arguments.of(
            users("")
                + "trigger \"t\" {\n  on = table.users\n  after {\n    insert = true\n"
                + "    delete = true\n  }\n  as = \"BEGIN SELECT 1; END\"\n}\n",
            "schema.hcl:10:3: after: a SQLite trigger has one event"),
        Arguments.of(
            users("") + "trigger \"t\" {\n  on = table.users\n  as = \"BEGIN SELECT 1; END\"\n}\n",
            "schema.hcl:10:8: trigger \"t\": without a before, after or instead_of block, as must be"
                + " the full CREATE TRIGGER statement"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void reportsPositionAndReason(String hcl, String message) {
    assertEquals(message, Hcl.error(hcl));
  }

  @Test
  void badVariableValues() {
    String hcl = "variable \"n\" {\n  type = number\n}\n" + users("");
    assertEquals(
        "schema.hcl:1:1: variable \"n\": \"ten\" is not a number",
        Hcl.error(hcl, Map.of("n", "ten")));
  }

  @Test
  void ambiguousTableReference() {
    String hcl =
        "schema \"a\" {}\nschema \"b\" {}\ntable \"a\" \"t\" {\n}\ntable \"b\" \"t\" {\n}\n"
            + "trigger \"x\" {\n  on = table.t\n  as = \"CREATE TRIGGER x\"\n}\n";
    assertEquals(
        "schema.hcl:8:8: table \"t\" is ambiguous: it exists in schemas \"a\", \"b\"; write"
            + " table.SCHEMA.t",
        Hcl.error(hcl));
  }

  @Test
  void unknownDialect() {
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class, () -> SchemaHclDecoder.decode(List.of(), Map.of(), "oracle"));
    assertEquals(
        "unknown dialect \"oracle\"; expected one of sqlite, postgres, mysql", e.getMessage());
  }
}
