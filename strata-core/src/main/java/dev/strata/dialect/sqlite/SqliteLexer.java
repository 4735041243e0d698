package dev.strata.dialect.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQLite tokenizer shared by the script splitter, the DDL parser, the diff hooks and the
 * planner.
 *
 * <p>It never fails: an unterminated quote or comment runs to the end of the text. Every token
 * keeps its source span so that callers can cut verbatim substrings (check expressions, defaults,
 * view bodies) out of the original text. Quoting rules follow SQLite: {@code '...'} strings and
 * {@code "..."}/{@code `...`} identifiers escape their quote by doubling it, {@code [...]} has no
 * escape, {@code x'..'} is a blob literal.
 */
final class SqliteLexer {

  /** The kinds of token the lexer distinguishes. */
  enum Kind {
    WORD,
    QUOTED,
    STRING,
    NUMBER,
    BLOB,
    PUNCT,
    COMMENT,
    SPACE
  }

  /** One token: its kind, its span in the source and its text (unquoted for QUOTED). */
  record Token(Kind kind, int start, int end, String text) {
    boolean isWord(String w) {
      return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }

    boolean isPunct(String p) {
      return kind == Kind.PUNCT && text.equals(p);
    }

    /** Whether the token names something: a bare word or a quoted identifier. */
    boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  private static final String[] OPERATORS = {
    "->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"
  };

  private SqliteLexer() {}

  /** All tokens of {@code sql}, including comments and whitespace. */
  static List<Token> tokenizeAll(String sql) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.SPACE, start, i, sql.substring(start, i)));
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        out.add(new Token(Kind.COMMENT, start, i, sql.substring(start, i)));
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        out.add(new Token(Kind.COMMENT, start, i, sql.substring(start, i)));
      } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = quoted(sql, i + 1, '\'');
        out.add(new Token(Kind.BLOB, start, i, sql.substring(start, i)));
      } else if (c == '\'') {
        i = quoted(sql, i, '\'');
        out.add(new Token(Kind.STRING, start, i, sql.substring(start, i)));
      } else if (c == '"' || c == '`') {
        i = quoted(sql, i, c);
        String body = sql.substring(start + 1, Math.max(start + 1, i - 1));
        String q = String.valueOf(c);
        out.add(new Token(Kind.QUOTED, start, i, body.replace(q + q, q)));
      } else if (c == '[') {
        int close = sql.indexOf(']', i);
        i = close < 0 ? n : close + 1;
        out.add(
            new Token(Kind.QUOTED, start, i, sql.substring(start + 1, Math.max(start + 1, i - 1))));
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        i = number(sql, i);
        out.add(new Token(Kind.NUMBER, start, i, sql.substring(start, i)));
      } else if (isWordStart(c)) {
        while (i < n && isWordPart(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.WORD, start, i, sql.substring(start, i)));
      } else {
        i = operatorEnd(sql, i);
        out.add(new Token(Kind.PUNCT, start, i, sql.substring(start, i)));
      }
    }
    return out;
  }

  /** The tokens of {@code sql} without comments and whitespace. */
  static List<Token> tokenize(String sql) {
    return tokenizeAll(sql).stream()
        .filter(t -> t.kind() != Kind.SPACE && t.kind() != Kind.COMMENT)
        .toList();
  }

  /** Index of the token closing the parenthesis opened at {@code open}, or the last index. */
  static int matching(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isPunct("(")) {
        depth++;
      } else if (tokens.get(i).isPunct(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  /** Splits tokens {@code [from, to)} at top-level commas into index ranges {from, to}. */
  static List<int[]> splitCommas(List<Token> tokens, int from, int to) {
    List<int[]> out = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (t.isPunct("(")) {
        depth++;
      } else if (t.isPunct(")")) {
        depth--;
      } else if (depth == 0 && t.isPunct(",")) {
        out.add(new int[] {start, i});
        start = i + 1;
      }
    }
    if (start < to) {
      out.add(new int[] {start, to});
    }
    return out;
  }

  /** The verbatim source text of tokens {@code [from, to)}, trimmed; "" when empty. */
  static String text(String sql, List<Token> tokens, int from, int to) {
    if (from >= to) {
      return "";
    }
    return sql.substring(tokens.get(from).start(), tokens.get(to - 1).end()).trim();
  }

  private static int quoted(String s, int i, char q) {
    int n = s.length();
    i++;
    while (i < n) {
      if (s.charAt(i) == q) {
        if (i + 1 < n && s.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }

  private static int number(String s, int i) {
    int n = s.length();
    if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
      i += 2;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
        i++;
      }
      return i;
    }
    while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
      i++;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(s.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(s.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }

  private static int operatorEnd(String s, int i) {
    for (String op : OPERATORS) {
      if (s.startsWith(op, i)) {
        return i + op.length();
      }
    }
    return i + 1;
  }

  static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c > 0x7f;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }
}
