package dev.strata.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact formatter output; every input here is also checked for idempotence and tree equality. */
class HclFormatterTest {

  /** Formats and checks that formatting again changes nothing and the tree is kept. */
  private static String fmt(String src) {
    String once = HclFormatter.format(src, "f.hcl");
    assertEquals(once, HclFormatter.format(once, "f.hcl"), "idempotent");
    assertEquals(
        TreeDump.body(HclParser.parse(src, "f.hcl")),
        TreeDump.body(HclParser.parse(once, "f.hcl")),
        "same tree");
    return once;
  }

  @Test
  void indentsAndAlignsAnAtlasSchema() {
    String src =
        """
        schema "public" {
        }
        table  "users"{
        schema=schema.public
              column "id" {
            null=false
            type = bigint
            default    = 0
          }
          primary_key   {
         columns = [column.id]
          }
        }
        """;
    String expected =
        """
        schema "public" {
        }
        table "users" {
          schema = schema.public
          column "id" {
            null    = false
            type    = bigint
            default = 0
          }
          primary_key {
            columns = [column.id]
          }
        }
        """;
    assertEquals(expected, fmt(src));
  }

  @Test
  void alignmentChainsBreakAtBlankLinesCommentsBlocksAndMultiLineValues() {
    String src =
        """
        a = 1
        bbb = 2

        cc = 3
        # comment
        dddd = 4
        e = [
          1,
        ]
        ff = 5
        g {
          h = 6
        }
        iiiiii = 7
        j = { k = 1, "long key" = 2 }
        o = {
          p = 1
          qqq = 2
        }
        """;
    String expected =
        """
        a   = 1
        bbb = 2

        cc = 3
        # comment
        dddd = 4
        e = [
          1,
        ]
        ff = 5
        g {
          h = 6
        }
        iiiiii = 7
        j      = { k = 1, "long key" = 2 }
        o = {
          p   = 1
          qqq = 2
        }
        """;
    assertEquals(expected, fmt(src));
  }

  @Test
  void spacesAroundOperatorsAndAfterCommas() {
    String src =
        """
        a = 1+2*3
        b = f(x,y ,z...)
        c = ! x&&-y||z
        d = a [ 0 ] . b [ * ] . c
        e = x ? -1 : f (2)
        f = [for k,v in m:k if v>0]
        g = {for k,v in m:k=>v...}
        h = {x:1,y=[ ]}
        i = {}
        j = decimal(10,2)
        k = a.*.b
        l = (a - - b) % 2
        m = [1,2,]
        """;
    String expected =
        """
        a = 1 + 2 * 3
        b = f(x, y, z...)
        c = !x && -y || z
        d = a[0].b[*].c
        e = x ? -1 : f(2)
        f = [for k, v in m : k if v > 0]
        g = { for k, v in m : k => v... }
        h = { x: 1, y = [] }
        i = {}
        j = decimal(10, 2)
        k = a.*.b
        l = (a - -b) % 2
        m = [1, 2]
        """;
    assertEquals(expected, fmt(src));
  }

  @Test
  void blankLines() {
    String src = "\n\n\na = 1\n\n\n\nb {\n\n  c = 2\n\n\n  d = 3\n\n}\n\n\ne = [\n\n  1\n\n]\n\n\n";
    String expected = "a = 1\n\nb {\n  c = 2\n\n  d = 3\n}\n\ne = [\n  1\n]\n";
    assertEquals(expected, fmt(src));
    assertEquals("a = 1\n", fmt("a = 1"));
    assertEquals("", fmt(""));
    assertEquals("", fmt("\n\n  \n"));
  }

  @Test
  void commentsArePreservedInPlace() {
    String src =
        "# head   \n"
            + "a = 1 # trailing  \n"
            + "  // slashes\n"
            + "b {\n"
            + "/* block\n"
            + "     keeps inner indentation   \n"
            + "*/\n"
            + "c = /* inline */ 2\n"
            + "}\n";
    String expected =
        """
        # head
        a = 1 # trailing
        // slashes
        b {
          /* block
             keeps inner indentation
        */
          c = /* inline */ 2
        }
        """;
    assertEquals(expected, fmt(src));
  }

  @Test
  void heredocsAndStringsAreVerbatim() {
    String src =
        "x {\n"
            + "query = <<-SQL\n"
            + "      SELECT *   \n"
            + "  FROM t  -- ${var.x}\n"
            + "     SQL\n"
            + "plain=<<EOT\n"
            + "  as is\n"
            + "EOT\n"
            + "s = \"${ a+b }  \\\" \\n\"\n"
            + "}\n";
    String expected =
        "x {\n"
            + "  query = <<-SQL\n"
            + "      SELECT *   \n"
            + "  FROM t  -- ${var.x}\n"
            + "     SQL\n"
            + "  plain = <<EOT\n"
            + "  as is\n"
            + "EOT\n"
            + "  s = \"${ a+b }  \\\" \\n\"\n"
            + "}\n";
    assertEquals(expected, fmt(src));
  }

  @Test
  void nestedBracketsAndListsOfObjects() {
    String src =
        """
        locals {
        objs = [{
        a = 1
        }, {
        bb = 2
        }]
        call = f(
        1,
        g(
        2,
        ),
        )
        t = (a
        - b)
        }
        """;
    String expected =
        """
        locals {
          objs = [{
            a = 1
          }, {
            bb = 2
          }]
          call = f(
            1,
            g(
              2,
            ),
          )
          t = (a
            - b)
        }
        """;
    assertEquals(expected, fmt(src));
  }

  @Test
  void singleLineBlocksAndCrLf() {
    assertEquals(
        "a { b = 1 }\nc {}\nd \"x\" { e = [1, 2] }\n",
        fmt("a {b=1}\r\nc {  }\r\nd \"x\" {e=[1,2]}\r\n"));
  }

  @Test
  void rejectsInvalidInput() {
    InputException e =
        assertThrows(InputException.class, () -> HclFormatter.format("a = {\n", "f.hcl"));
    assertEquals("f.hcl:1:5: unclosed '{'; expected '}'", e.getMessage());
  }

  static List<String> inputs() {
    return List.of(
        "a=1\nbb=[1,\n2]\n",
        "x = [{\n  a = 1\n  }, {\n  b = [[\n  1]]\n}]\n",
        "a = <<EOT\n  ${x}\nEOT\nb = \"%{ if c }y%{ endif }\"\n",
        "a = f(<<EOT\n  keep\nEOT\n  , 2)\n",
        "b { // c\n\n  d = 1 /* e */\n}\n",
        "v = x ? {\n  a = 1\n} : null\n",
        "w = {\n  for k, v in m :\n  k => v\n}\n");
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void idempotentAndTreePreserving(String src) {
    fmt(src);
  }
}
