package dev.strata.hcl;

import dev.strata.InputException;
import dev.strata.hcl.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Tokenizer for HCL native syntax that keeps 1-based positions and exact source offsets.
 *
 * <p>Algorithm: a single forward scan driven by a stack of modes. The bottom mode is ordinary
 * expression/body syntax. A {@code "} pushes a quoted-template mode and {@code <<EOF} a heredoc mode;
 * in both, literal text is collected (escapes decoded into {@link Token#value()}) until {@code ${}
 * or {@code %{} pushes an interpolation mode, which is ordinary syntax again but counts braces so
 * that the {@code }} matching the interpolation pops back to the template. Templates therefore nest
 * to any depth ({@code "a${f("b${c}")}"}). Heredoc literals are cut at every line break so that
 * the parser can strip the indentation of {@code <<-} heredocs line by line. Newlines are tokens
 * (they end attributes); comments are tokens too (the parser drops them, the formatter keeps them).
 */
public final class HclLexer {
  private final String src;
  private final String file;
  private final List<Token> out = new ArrayList<>();
  private final Deque<Mode> modes = new ArrayDeque<>();
  private int i;
  private int line = 1;
  private int col = 1;

  private sealed interface Mode permits Normal, Quoted, Heredoc {}

  /** Ordinary syntax; {@code start} is null at the bottom, else the {@code ${} position. */
  private static final class Normal implements Mode {
    final Pos start;
    int braces;

    Normal(Pos start) {
      this.start = start;
    }
  }

  private record Quoted(Pos start) implements Mode {}

  private static final class Heredoc implements Mode {
    final String marker;
    final Pos start;
    boolean atLineStart = true;

    Heredoc(String marker, Pos start) {
      this.marker = marker;
      this.start = start;
    }
  }

  private HclLexer(String src, String file) {
    this.src = src;
    this.file = file;
  }

  /** Splits {@code source} into tokens, ending with one {@link Kind#EOF} token. */
  public static List<Token> tokenize(String source, String fileName) {
    HclLexer lexer = new HclLexer(source, fileName);
    lexer.modes.push(new Normal(null));
    lexer.run();
    return List.copyOf(lexer.out);
  }

  private void run() {
    while (true) {
      Mode mode = modes.peek();
      if (mode instanceof Quoted q) {
        scanQuoted(q);
      } else if (mode instanceof Heredoc h) {
        scanHeredoc(h);
      } else if (!scanNormal((Normal) mode)) {
        return;
      }
    }
  }

  private Pos pos() {
    return new Pos(file, line, col);
  }

  private boolean at(String s) {
    return src.startsWith(s, i);
  }

  private char peekChar(int ahead) {
    return i + ahead < src.length() ? src.charAt(i + ahead) : '\0';
  }

  private void advance(int n) {
    for (int k = 0; k < n && i < src.length(); k++, i++) {
      if (src.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
  }

  private void emit(Kind kind, int start, Pos p, String value) {
    String text = src.substring(start, i);
    out.add(new Token(kind, text, value == null ? text : value, p, start, i));
  }

  private void single(Kind kind, int length) {
    int start = i;
    Pos p = pos();
    advance(length);
    emit(kind, start, p, null);
  }

  private InputException error(Pos p, String message) {
    return new InputException(p, message);
  }

  /** Scans one token of ordinary syntax; false at the end of input. */
  private boolean scanNormal(Normal mode) {
    while (i < src.length() && (peekChar(0) == ' ' || peekChar(0) == '\t' || at("\r"))) {
      if (at("\r\n")) {
        break;
      }
      advance(1);
    }
    if (i >= src.length()) {
      if (mode.start != null) {
        throw error(mode.start, "unterminated template interpolation; expected '}'");
      }
      out.add(new Token(Kind.EOF, "", "", pos(), i, i));
      return false;
    }
    char c = src.charAt(i);
    int start = i;
    Pos p = pos();
    if (c == '\n' || at("\r\n")) {
      advance(c == '\n' ? 1 : 2);
      out.add(new Token(Kind.NEWLINE, src.substring(start, i), "\n", p, start, i));
    } else if (c == '#' || at("//")) {
      while (i < src.length() && peekChar(0) != '\n' && !at("\r\n")) {
        advance(1);
      }
      emit(Kind.COMMENT, start, p, null);
    } else if (at("/*")) {
      int end = src.indexOf("*/", i + 2);
      if (end < 0) {
        throw error(p, "unterminated comment; expected '*/'");
      }
      advance(end + 2 - i);
      emit(Kind.COMMENT, start, p, null);
    } else if (Character.isLetter(c) || c == '_') {
      while (i < src.length()
          && (Character.isLetterOrDigit(peekChar(0)) || peekChar(0) == '_' || peekChar(0) == '-')) {
        advance(1);
      }
      emit(Kind.IDENT, start, p, null);
    } else if (c >= '0' && c <= '9') {
      scanNumber(start, p);
    } else if (c == '"') {
      single(Kind.OQUOTE, 1);
      modes.push(new Quoted(p));
    } else if (at("<<")) {
      scanHeredocStart(p);
    } else if (c == '{') {
      single(Kind.LBRACE, 1);
      mode.braces++;
    } else if (c == '}') {
      if (mode.start != null && mode.braces == 0) {
        single(Kind.TEMPLATE_SEQ_END, 1);
        modes.pop();
      } else {
        single(Kind.RBRACE, 1);
        mode.braces--;
      }
    } else if (c == '~' && mode.start != null && mode.braces == 0 && peekChar(1) == '}') {
      single(Kind.STRIP, 1);
    } else {
      scanPunctuation(c, p);
    }
    return true;
  }

  private void scanPunctuation(char c, Pos p) {
    switch (c) {
      case '[' -> single(Kind.LBRACK, 1);
      case ']' -> single(Kind.RBRACK, 1);
      case '(' -> single(Kind.LPAREN, 1);
      case ')' -> single(Kind.RPAREN, 1);
      case ',' -> single(Kind.COMMA, 1);
      case '?' -> single(Kind.QUESTION, 1);
      case ':' -> single(Kind.COLON, 1);
      case '.' -> single(at("...") ? Kind.ELLIPSIS : Kind.DOT, at("...") ? 3 : 1);
      case '=' -> {
        if (peekChar(1) == '=') {
          single(Kind.OPERATOR, 2);
        } else {
          single(peekChar(1) == '>' ? Kind.FAT_ARROW : Kind.EQUAL, peekChar(1) == '>' ? 2 : 1);
        }
      }
      case '!', '<', '>' -> single(Kind.OPERATOR, peekChar(1) == '=' ? 2 : 1);
      case '+', '-', '*', '/', '%' -> single(Kind.OPERATOR, 1);
      case '&', '|' -> {
        if (peekChar(1) != c) {
          throw error(p, "invalid character '" + c + "'; did you mean '" + c + c + "'?");
        }
        single(Kind.OPERATOR, 2);
      }
      default -> throw error(p, "invalid character '" + c + "'");
    }
  }

  private void scanNumber(int start, Pos p) {
    while (Character.isDigit(peekChar(0))) {
      advance(1);
    }
    if (peekChar(0) == '.' && Character.isDigit(peekChar(1))) {
      advance(1);
      while (Character.isDigit(peekChar(0))) {
        advance(1);
      }
    }
    char e = peekChar(0);
    if ((e == 'e' || e == 'E')
        && (Character.isDigit(peekChar(1))
            || ((peekChar(1) == '+' || peekChar(1) == '-') && Character.isDigit(peekChar(2))))) {
      advance(2);
      while (Character.isDigit(peekChar(0))) {
        advance(1);
      }
    }
    emit(Kind.NUMBER, start, p, null);
  }

  private void scanHeredocStart(Pos p) {
    int start = i;
    int j = i + 2 + (peekChar(2) == '-' ? 1 : 0);
    int nameStart = j;
    while (j < src.length()
        && (Character.isLetterOrDigit(src.charAt(j))
            || src.charAt(j) == '_'
            || src.charAt(j) == '-')) {
      j++;
    }
    boolean lineBreak = src.startsWith("\n", j) || src.startsWith("\r\n", j);
    if (j == nameStart || !Character.isLetter(src.charAt(nameStart)) || !lineBreak) {
      throw error(
          p, "invalid heredoc; expected '<<MARKER' or '<<-MARKER' followed by a line break");
    }
    advance(j - i);
    emit(Kind.OHEREDOC, start, p, null);
    advance(src.charAt(i) == '\n' ? 1 : 2);
    modes.push(new Heredoc(src.substring(nameStart, j), p));
  }

  /** Scans a literal run of a quoted template up to the next delimiter. */
  private void scanQuoted(Quoted mode) {
    int start = i;
    Pos p = pos();
    StringBuilder value = new StringBuilder();
    while (true) {
      if (i >= src.length() || peekChar(0) == '\n' || at("\r\n")) {
        throw error(mode.start(), "unterminated string; expected '\"' before the end of the line");
      }
      char c = src.charAt(i);
      if (c == '"') {
        literal(start, p, value);
        single(Kind.CQUOTE, 1);
        modes.pop();
        return;
      } else if (c == '\\') {
        value.append(escape());
      } else if (at("$${") || at("%%{")) {
        value.append(c).append('{');
        advance(3);
      } else if (at("${") || at("%{")) {
        literal(start, p, value);
        openSequence(c);
        return;
      } else {
        value.append(c);
        advance(1);
      }
    }
  }

  private void literal(int start, Pos p, StringBuilder value) {
    if (i > start) {
      emit(Kind.TEMPLATE_LIT, start, p, value.toString());
    }
  }

  private void openSequence(char c) {
    Pos p = pos();
    single(c == '$' ? Kind.TEMPLATE_INTERP : Kind.TEMPLATE_CONTROL, 2);
    if (peekChar(0) == '~') {
      single(Kind.STRIP, 1);
    }
    modes.push(new Normal(p));
  }

  private String escape() {
    Pos p = pos();
    char c = peekChar(1);
    int digits = c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits > 0) {
      String hex = src.substring(i + 2, Math.min(src.length(), i + 2 + digits));
      if (hex.length() < digits || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
        throw error(p, "invalid escape \\" + c + ": expected " + digits + " hexadecimal digits");
      }
      int cp = (int) Long.parseLong(hex, 16);
      if (!Character.isValidCodePoint(cp)) {
        throw error(p, "invalid escape \\" + c + hex + ": not a Unicode code point");
      }
      advance(2 + digits);
      return new String(Character.toChars(cp));
    }
    String value =
        switch (c) {
          case 'n' -> "\n";
          case 'r' -> "\r";
          case 't' -> "\t";
          case '"' -> "\"";
          case '\\' -> "\\";
          default -> throw error(p, "invalid escape sequence '\\" + (c == '\0' ? "" : c) + "'");
        };
    advance(2);
    return value;
  }

  /** Scans a heredoc closing line, or a literal run up to the end of the line or a delimiter. */
  private void scanHeredoc(Heredoc mode) {
    if (mode.atLineStart) {
      int j = i;
      while (j < src.length() && (src.charAt(j) == ' ' || src.charAt(j) == '\t')) {
        j++;
      }
      int after = j + mode.marker.length();
      if (src.startsWith(mode.marker, j)
          && (after == src.length()
              || src.startsWith("\n", after)
              || src.startsWith("\r\n", after))) {
        single(Kind.CHEREDOC, after - i);
        modes.pop();
        return;
      }
    }
    int start = i;
    Pos p = pos();
    StringBuilder value = new StringBuilder();
    while (true) {
      if (i >= src.length()) {
        throw error(
            mode.start, "unterminated heredoc; expected closing marker \"" + mode.marker + "\"");
      }
      char c = src.charAt(i);
      if (c == '\n' || at("\r\n")) {
        advance(c == '\n' ? 1 : 2);
        value.append('\n');
        literal(start, p, value);
        mode.atLineStart = true;
        return;
      } else if (at("$${") || at("%%{")) {
        value.append(c).append('{');
        advance(3);
      } else if (at("${") || at("%{")) {
        literal(start, p, value);
        mode.atLineStart = false;
        openSequence(c);
        return;
      } else {
        value.append(c);
        advance(1);
      }
    }
  }
}
