package dev.strata.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expressions, each written as HCL and as its position-free tree ({@link TreeDump}). */
class HclExprParserTest {

  private static String tree(String src) {
    return TreeDump.expr(HclParser.parseExpression(src, "e.hcl"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " ; ",
      value = {
        // literals
        "42 ; 42",
        "-1.5e3 ; -1.5e3",
        "true ; true",
        "null ; null",
        "\"plain\" ; \"plain\"",
        "\"\" ; \"\"",
        // references, index, attribute after index and call, splats
        "table.users.column.id ; table.users.column.id",
        "column.id ; column.id",
        "a[0] ; (index a 0)",
        "a[0].b.c ; (attr (attr (index a 0) b) c)",
        "f(x).y ; (attr (call f x) y)",
        "a.0 ; (index a 0)",
        "a[*].b.c ; (splat[*] a [b, c])",
        "a.*.b ; (splat.* a [b])",
        "a[\"k\"][1] ; (index (index a \"k\") 1)",
        // calls
        "sql(\"now()\") ; (call sql \"now()\")",
        "varchar(255) ; (call varchar 255)",
        "decimal(10,2) ; (call decimal 10 2)",
        "f() ; (call f)",
        "f(a, b...) ; (call f a b ...)",
        "f(1, 2,) ; (call f 1 2)",
        // collections
        "[1, \"a\", [true]] ; [1 \"a\" [true]]",
        "[] ; []",
        "[1,] ; [1]",
        "{ a = 1, \"b\" = 2 } ; {a=1 \"b\"=2}",
        "{ a: 1, b: [2] } ; {a=1 b=[2]}",
        "{} ; {}",
        // operators and precedence
        "1 + 2 * 3 ; (+ 1 (* 2 3))",
        "(1 + 2) * 3 ; (* (parens (+ 1 2)) 3)",
        "a - b - c ; (- (- a b) c)",
        "a || b && c ; (|| a (&& b c))",
        "a == b && c != d ; (&& (== a b) (!= c d))",
        "a < b == c >= d ; (== (< a b) (>= c d))",
        "a % 2 / 3 ; (/ (% a 2) 3)",
        "!a && -b ; (&& (! a) (- b))",
        "- 1 ; -1",
        "--1 ; (- -1)",
        "a ? b : c ? d : e ; (? a b (? c d e))",
        "a > 0 ? \"pos\" : \"neg\" ; (? (> a 0) \"pos\" \"neg\")",
        // for expressions
        "[for x in xs : x * 2] ; (for null x xs - (* x 2) -)",
        "[for i, x in xs : x if i > 0] ; (for i x xs - x (> i 0))",
        "{for k, v in m : k => v} ; (for k v m k v -)",
        "{for k, v in m : v => k... if k != \"\"} ; (for k v m v k (!= k \"\") ...)",
      })
  void parses(String src, String expected) {
    assertEquals(expected, tree(src));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"a${b}c\"|(tmpl \"a\" b \"c\")",
        "\"${x}\"|(tmpl x)",
        "\"${a.b[0]} and ${f(\"${c}\")}\"|(tmpl (index a.b 0) \" and \" (call f (tmpl c)))",
        "\"$${lit} %%{lit}\"|\"${lit} %{lit}\"",
        "\"a\\\"b\\\\\"|\"a\\\"b\\\\\"",
        "\"x ${~ y ~} z\"|(tmpl \"x\" y \"z\")",
        "\"%{ if c }yes%{ else }no%{ endif }\"|(tmpl (? c \"yes\" \"no\"))",
        "\"%{ if c }yes%{ endif }!\"|(tmpl (? c \"yes\" \"\") \"!\")",
        "\"%{ for x in xs }${x},%{ endfor }\"|(tmpl (for null x xs - (tmpl x \",\") -))",
        "\"%{ for k, v in m ~} ${k}=${v} %{~ endfor }\"|(tmpl (for k v m - (tmpl k \"=\" v) -))",
      })
  void templates(String src, String expected) {
    assertEquals(expected, tree(src));
  }

  @Test
  void multiLineCollectionsIgnoreNewlines() {
    assertEquals("[1 2 (call f 3 4)]", tree("[\n  1,\n  2,\n  f(\n    3,\n    4\n  ),\n]"));
    assertEquals(
        "{a=1 \"b\"=(parens (+ 2 3)) c={d=4}}",
        tree("{\n  a = 1\n  \"b\" = (2 +\n 3),\n  c = { d = 4 }\n}"));
  }

  @Test
  void heredocs() {
    assertEquals("\"line 1\\n  line 2\\n\"", tree("<<EOT\nline 1\n  line 2\nEOT"));
    assertEquals("\"line 1\\n  line 2\\n\"", tree("<<-EOT\n    line 1\n      line 2\n    EOT"));
    assertEquals("\"a\\n\\n b\\n\"", tree("<<-EOT\n  a\n\n   b\n  EOT"));
    assertEquals(
        "(tmpl a \"\\n  b\\n\")", tree("<<-EOT\n${a}\n  b\n  EOT"), "unindented interpolation");
    assertEquals("(tmpl \"x \" y \"\\n  z\\n\")", tree("<<-EOT\n  x ${y}\n    z\n  EOT"));
    assertEquals("\"raw \\\\n ${no}\\n\"", tree("<<EOT\nraw \\n $${no}\nEOT"));
    assertEquals("\"\"", tree("<<EOT\nEOT"));
  }

  @Test
  void numbersKeepTheirText() {
    Ast.NumberLit n = assertInstanceOf(Ast.NumberLit.class, HclParser.parseExpression("1.50", "e"));
    assertEquals(new BigDecimal("1.50"), n.value());
    assertEquals("1.50", n.text());
  }

  @Test
  void positionsPointAtTheStartOfEachNode() {
    Ast.Expr e = HclParser.parseExpression("  f(a.b,\n [1])", "p.hcl");
    Ast.FuncCall call = assertInstanceOf(Ast.FuncCall.class, e);
    assertEquals(new Pos("p.hcl", 1, 3), call.pos());
    assertEquals(new Pos("p.hcl", 1, 5), call.args().get(0).pos());
    assertEquals(new Pos("p.hcl", 2, 2), call.args().get(1).pos());
  }
}
