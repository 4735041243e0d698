package dev.strata.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.strata.InputException;
import dev.strata.hcl.Token.Kind;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HclLexerTest {

  /** Renders tokens as KIND or KIND(value), without the final EOF. */
  private static String lex(String src) {
    List<Token> tokens = HclLexer.tokenize(src, "t.hcl");
    return tokens.stream()
        .filter(t -> t.kind() != Kind.EOF)
        .map(
            t ->
                switch (t.kind()) {
                  case IDENT, NUMBER, OPERATOR, COMMENT, OHEREDOC, CHEREDOC ->
                      t.kind() + "(" + t.text() + ")";
                  case TEMPLATE_LIT -> "LIT(" + t.value().replace("\n", "\\n") + ")";
                  default -> t.kind().toString();
                })
        .collect(Collectors.joining(" "));
  }

  private static String error(String src) {
    return assertThrows(InputException.class, () -> HclLexer.tokenize(src, "t.hcl")).getMessage();
  }

  @Test
  void identifiersMayContainDashes() {
    assertEquals("IDENT(a-b_c) IDENT(_x) OPERATOR(-) IDENT(y)", lex("a-b_c _x - y"));
  }

  @Test
  void numbers() {
    assertEquals(
        "NUMBER(1) NUMBER(1.5) NUMBER(2e10) NUMBER(3.25E-2) NUMBER(7)",
        lex("1 1.5 2e10 3.25E-2 7"));
    assertEquals("NUMBER(1) DOT IDENT(x)", lex("1.x"));
  }

  @Test
  void operatorsAndPunctuation() {
    assertEquals(
        "OPERATOR(==) OPERATOR(!=) OPERATOR(<=) OPERATOR(>=) OPERATOR(<) OPERATOR(>) OPERATOR(&&)"
            + " OPERATOR(||) OPERATOR(!) OPERATOR(+) OPERATOR(-) OPERATOR(*) OPERATOR(/) OPERATOR(%)"
            + " EQUAL FAT_ARROW QUESTION COLON COMMA DOT ELLIPSIS LBRACE RBRACE LBRACK RBRACK LPAREN"
            + " RPAREN",
        lex("== != <= >= < > && || ! + - * / % = => ? : , . ... { } [ ] ( )"));
  }

  @Test
  void commentsAndNewlines() {
    assertEquals(
        "IDENT(a) COMMENT(# one) NEWLINE COMMENT(// two) NEWLINE COMMENT(/* three\n */) IDENT(b)",
        lex("a # one\n// two\r\n/* three\n */ b"));
  }

  @Test
  void positionsAreOneBased() {
    List<Token> tokens = HclLexer.tokenize("a = 1\n  bb = \"x\"", "f.hcl");
    assertEquals(new Pos("f.hcl", 1, 1), tokens.get(0).pos());
    assertEquals(new Pos("f.hcl", 1, 5), tokens.get(2).pos());
    assertEquals(new Pos("f.hcl", 2, 3), tokens.get(4).pos());
    assertEquals(new Pos("f.hcl", 2, 8), tokens.get(6).pos());
    assertEquals(new Pos("f.hcl", 2, 9), tokens.get(7).pos());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"a\\nb\"|a\\nb",
        "\"tab\\tq\\\"bs\\\\\"|tab\tq\"bs\\",
        "\"\\u00e9\\U0001F600\"|\u00e9\uD83D\uDE00",
        "\"$${x} %%{y}\"|${x} %{y}",
        "\"$ % {\"|$ % {",
      })
  void quotedEscapes(String src, String value) {
    List<Token> tokens = HclLexer.tokenize(src, "t.hcl");
    assertEquals(Kind.TEMPLATE_LIT, tokens.get(1).kind());
    assertEquals(value.replace("\\n", "\n"), tokens.get(1).value());
  }

  @Test
  void interpolationsNestBracesAndStrings() {
    assertEquals(
        "OQUOTE LIT(a) TEMPLATE_INTERP IDENT(f) LPAREN LBRACE IDENT(k) EQUAL OQUOTE LIT(b)"
            + " TEMPLATE_INTERP IDENT(c) TEMPLATE_SEQ_END CQUOTE RBRACE RPAREN TEMPLATE_SEQ_END"
            + " LIT(!) CQUOTE",
        lex("\"a${f({k = \"b${c}\"})}!\""));
  }

  @Test
  void directivesAndStripMarkers() {
    assertEquals(
        "OQUOTE TEMPLATE_CONTROL STRIP IDENT(if) IDENT(x) STRIP TEMPLATE_SEQ_END LIT(y)"
            + " TEMPLATE_CONTROL IDENT(endif) TEMPLATE_SEQ_END CQUOTE",
        lex("\"%{~ if x ~}y%{ endif }\""));
  }

  @Test
  void heredocsAreCutPerLine() {
    assertEquals(
        "IDENT(a) EQUAL OHEREDOC(<<EOT) LIT(one\\n) LIT(two ) TEMPLATE_INTERP IDENT(x)"
            + " TEMPLATE_SEQ_END LIT(\\n) CHEREDOC(EOT) NEWLINE IDENT(b)",
        lex("a = <<EOT\none\ntwo ${x}\nEOT\nb"));
    List<Token> tokens = HclLexer.tokenize("<<-EOT\n  \\n $${x} %%{y}\n  EOT", "t.hcl");
    assertEquals("  \\n ${x} %{y}\n", tokens.get(1).value(), "no backslash escapes in heredocs");
    assertEquals("  EOT", tokens.get(2).text());
  }

  @Test
  void heredocMarkerMustBeAlone() {
    assertEquals(
        "OHEREDOC(<<EOT) LIT(EOTX\\n) LIT( x EOT\\n) CHEREDOC(EOT)",
        lex("<<EOT\nEOTX\n x EOT\nEOT"));
  }

  static List<Arguments> errorCases() {
    return List.of(
        arguments(
            "a = \"abc", "1:5: unterminated string; expected '\"' before the end of the line"),
        arguments(
            "a = \"abc\nb = 1",
            "1:5: unterminated string; expected '\"' before the end of the line"),
        arguments("a = <<EOT\nx\n", "1:5: unterminated heredoc; expected closing marker \"EOT\""),
        arguments(
            "a = <<EOT x",
            "1:5: invalid heredoc; expected '<<MARKER' or '<<-MARKER' followed by a line break"),
        arguments(
            "a = \"${b\"", "1:9: unterminated string; expected '\"' before the end of the line"),
        arguments("a = \"${b", "1:6: unterminated template interpolation; expected '}'"),
        arguments("a = \"\\q\"", "1:6: invalid escape sequence '\\q'"),
        arguments("a = \"\\u12\"", "1:6: invalid escape \\u: expected 4 hexadecimal digits"),
        arguments("/* open", "1:1: unterminated comment; expected '*/'"),
        arguments("a = b & c", "1:7: invalid character '&'; did you mean '&&'?"),
        arguments("a = @", "1:5: invalid character '@'"));
  }

  @ParameterizedTest
  @MethodSource("errorCases")
  void errors(String src, String message) {
    assertEquals("t.hcl:" + message, error(src));
  }
}
