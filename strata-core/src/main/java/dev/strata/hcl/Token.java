package dev.strata.hcl;

/**
 * One lexical token of HCL native syntax, as produced by {@link HclLexer}.
 *
 * @param kind what the token is
 * @param text the exact source text of the token
 * @param value the decoded value: escapes resolved for template literals, otherwise {@code text}
 * @param pos where the token starts
 * @param start offset of the first character in the source
 * @param end offset just past the last character in the source
 */
public record Token(Kind kind, String text, String value, Pos pos, int start, int end) {

  /** The kinds of token. */
  public enum Kind {
    IDENT,
    NUMBER,
    /** {@code "} opening a quoted template. */
    OQUOTE,
    /** {@code "} closing a quoted template. */
    CQUOTE,
    /** {@code <<EOF} or {@code <<-EOF}; the line break after the marker is not part of it. */
    OHEREDOC,
    /** The closing heredoc line: optional indentation and the marker. */
    CHEREDOC,
    /** A literal piece of a template (one line at most in heredocs). */
    TEMPLATE_LIT,
    /** {@code ${} starting an interpolation. */
    TEMPLATE_INTERP,
    /** {@code %{} starting a directive. */
    TEMPLATE_CONTROL,
    /** The {@code }} closing an interpolation or a directive. */
    TEMPLATE_SEQ_END,
    /** {@code ~} strip marker next to a template sequence delimiter. */
    STRIP,
    LBRACE,
    RBRACE,
    LBRACK,
    RBRACK,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    ELLIPSIS,
    EQUAL,
    COLON,
    QUESTION,
    FAT_ARROW,
    /** A binary or unary operator: {@code + - * / % == != < <= > >= && || !}. */
    OPERATOR,
    /** A line comment ({@code #} or {@code //}, without its line break) or a block comment. */
    COMMENT,
    NEWLINE,
    EOF;
  }

  /** True when this token is an operator with the given text. */
  public boolean isOp(String op) {
    return kind == Kind.OPERATOR && text.equals(op);
  }

  /** True when this token is the identifier {@code word}. */
  public boolean isIdent(String word) {
    return kind == Kind.IDENT && text.equals(word);
  }

  /** How the token reads in an error message. */
  public String describe() {
    return switch (kind) {
      case NEWLINE -> "newline";
      case EOF -> "end of file";
      case IDENT -> "\"" + text + "\"";
      case OQUOTE -> "string";
      case OHEREDOC -> "heredoc";
      case NUMBER -> "number " + text;
      default -> "'" + text + "'";
    };
  }
}
