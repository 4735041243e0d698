package dev.strata.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.strata.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies, blocks and attributes, and the error messages of the parser. */
class HclParserTest {

  private static String tree(String src) {
    return TreeDump.body(HclParser.parse(src, "schema.hcl"));
  }

  private static String error(String src) {
    return assertThrows(InputException.class, () -> HclParser.parse(src, "schema.hcl"))
        .getMessage();
  }

  @Test
  void atlasSchema() {
    String src =
        """
        schema "public" {
          comment = "main"
        }

        table "users" {
          schema = schema.public
          column "id" {
            null = false
            type = bigint
          }
          column "price" {
            type    = decimal(10, 2)
            default = sql("now()")
          }
          primary_key {
            columns = [column.id]
          }
          foreign_key "fk" {
            columns     = [column.id]
            ref_columns = [table.orders.column.id]
          }
        }
        """;
    assertEquals(
        "schema \"public\" {comment = \"main\"}; table \"users\" {schema = schema.public;"
            + " column \"id\" {null = false; type = bigint}; column \"price\" {type = (call decimal"
            + " 10 2); default = (call sql \"now()\")}; primary_key {columns = [column.id]};"
            + " foreign_key \"fk\" {columns = [column.id]; ref_columns = [table.orders.column.id]}}",
        tree(src));
  }

  @Test
  void blocksWithSeveralAndIdentifierLabels() {
    assertEquals("a \"x\" \"y\" \"z\" {}", tree("a \"x\" y \"z\" {\n}"));
    assertEquals("a {b = 1}; c \"d\" {}", tree("a { b = 1 }\nc \"d\" {}"));
    assertEquals("e \"l\" {f {g = [1 2]}}", tree("e \"l\" {\n  f {\n    g = [\n1,\n2]\n  }\n}"));
  }

  @Test
  void commentsAndBlankLinesAreIgnored() {
    String src = "# head\n\n// two\na = 1 # trailing\n/* block\n comment */ b = 2\n\n";
    assertEquals("a = 1; b = 2", tree(src));
    assertEquals("", tree(""));
    assertEquals("", tree("\n\n# only a comment"));
  }

  @Test
  void lastLineNeedsNoNewlineAndCrLfIsANewline() {
    assertEquals("a = 1; b {c = 2}", tree("a = 1\r\nb {\r\n  c = 2\r\n}"));
  }

  @Test
  void heredocValuesAndMultiLineObjects() {
    String src =
        """
        data "sql" "t" {
          query = <<-SQL
            SELECT 1
            FROM dual
          SQL
          args = { a = 1
            b = 2 }
        }
        """;
    assertEquals(
        "data \"sql\" \"t\" {query = \"SELECT 1\\nFROM dual\\n\"; args = {a=1 b=2}}", tree(src));
  }

  @Test
  void positionsOfItems() {
    Ast.Body body = HclParser.parse("a = 1\nblk \"x\" {\n  b = true\n}\n", "p.hcl");
    assertEquals(new Pos("p.hcl", 1, 1), body.items().get(0).pos());
    Ast.Block blk = body.blocks("blk").get(0);
    assertEquals(new Pos("p.hcl", 2, 1), blk.pos());
    assertEquals(new Pos("p.hcl", 2, 9), blk.body().pos());
    assertEquals(new Pos("p.hcl", 3, 3), blk.body().attribute("b").orElseThrow().pos());
    assertEquals(new Pos("p.hcl", 3, 7), blk.body().attribute("b").orElseThrow().value().pos());
  }

  static List<Arguments> errorCases() {
    String table = "table \"users\" {\n  schema = schema.public\n";
    return List.of(
        arguments("colum \"x\"\n", "1:7: expected '=' or '{' after \"colum\""),
        arguments(table + "  colum \"x\"\n}\n", "3:9: expected '=' or '{' after \"colum\""),
        arguments(table + "  type\n}\n", "3:7: expected '=' or '{' after \"type\""),
        arguments(table + "  = 1\n}\n", "3:3: expected an attribute or block name, found '='"),
        arguments(table, "1:1: unclosed block \"table\"; expected '}'"),
        arguments(table + "  column \"id\" {\n", "3:3: unclosed block \"column\"; expected '}'"),
        arguments("a = 1\nb = 2\na = 3\n", "3:1: duplicate attribute \"a\" (first defined at 1:1)"),
        arguments(
            "t {\n  x = 1\n  x = 2\n}", "3:3: duplicate attribute \"x\" (first defined at 2:3)"),
        arguments(
            "a = 1 2\n",
            "1:7: unexpected number 2 after the value of \"a\"; expected a line break"),
        arguments("a = \n", "1:5: expected an expression, found newline"),
        arguments("a = [1, 2\n", "1:5: unclosed '['; expected ']'"),
        arguments("a = [1 2]\n", "1:8: expected ',' or ']', found number 2"),
        arguments("a = f(1\n", "1:6: unclosed '('; expected ')'"),
        arguments("a = (1 + 2\n", "1:5: unclosed '('; expected ')'"),
        arguments("a = { b = 1\n", "1:5: unclosed '{'; expected '}'"),
        arguments("a = { b 1 }\n", "1:9: expected '=' or ':' after the object key, found number 1"),
        arguments(
            "a = { b = 1 c = 2 }\n",
            "1:13: expected ',', a line break or '}' after the object item, found \"c\""),
        arguments("a = x ? 1\n", "1:10: expected ':' in the conditional expression, found newline"),
        arguments(
            "a = [for x xs : x]\n", "1:12: expected 'in' in the for expression, found \"xs\""),
        arguments("a = x.\n", "1:7: expected an attribute name after '.', found newline"),
        arguments(
            "b { c = 1 d = 2 }\n",
            "1:11: expected '}' closing the single-line block \"b\", found \"d\""),
        arguments("b { c {} }\n", "1:7: a single-line block may only contain one attribute"),
        arguments("b {} c = 1\n", "1:6: expected a line break after the block \"b\", found \"c\""),
        arguments("b \"${x}\" {}\n", "1:4: block labels must be plain strings"),
        arguments("}\n", "1:1: expected an attribute or block name, found '}'"),
        arguments("a = \"%{ if x }y\"\n", "1:6: unterminated directive; expected '%{ endif }'"),
        arguments("a = \"%{ endif }\"\n", "1:9: unexpected 'endif' directive"),
        arguments(
            "a = \"%{ for x in y }z%{ endif }\"\n",
            "1:25: unexpected 'endif' directive; expected 'endfor'"),
        arguments("a = \"%{ while x }\"\n", "1:9: unknown template directive \"while\""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("errorCases")
  void errors(String src, String message) {
    assertEquals("schema.hcl:" + message, error(src));
  }
}
