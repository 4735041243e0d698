package dev.strata.hcl;

import dev.strata.InputException;
import dev.strata.hcl.Token.Kind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The parser's view of the token stream: comments removed, and newlines visible or skipped
 * depending on the innermost bracket. Bodies and object constructors push "newlines significant";
 * parentheses, tuples, function arguments, for headers and template interpolations push "newlines
 * skipped", which is how HCL lets an expression continue over several lines only inside brackets.
 */
final class TokenCursor {
  private final List<Token> tokens;
  private final Deque<Boolean> newlines = new ArrayDeque<>();
  private int idx;

  TokenCursor(List<Token> all) {
    this.tokens = all.stream().filter(t -> t.kind() != Kind.COMMENT).toList();
    newlines.push(true);
  }

  void pushNewlines(boolean significant) {
    newlines.push(significant);
  }

  void popNewlines() {
    newlines.pop();
  }

  private int skip(int j) {
    if (!newlines.peek()) {
      while (tokens.get(j).kind() == Kind.NEWLINE) {
        j++;
      }
    }
    return j;
  }

  /** The next visible token. */
  Token peek() {
    return tokens.get(skip(idx));
  }

  /** The visible token {@code n} places after the next one (0 is {@link #peek()}). */
  Token peek(int n) {
    int j = skip(idx);
    for (int k = 0; k < n && tokens.get(j).kind() != Kind.EOF; k++) {
      j = skip(j + 1);
    }
    return tokens.get(j);
  }

  boolean at(Kind kind) {
    return peek().kind() == kind;
  }

  Token next() {
    int j = skip(idx);
    Token t = tokens.get(j);
    idx = t.kind() == Kind.EOF ? j : j + 1;
    return t;
  }

  /** Consumes the next token when it has the given kind. */
  boolean accept(Kind kind) {
    if (at(kind)) {
      next();
      return true;
    }
    return false;
  }

  /** Consumes a token of the given kind or fails with "expected WHAT, found ...". */
  Token expect(Kind kind, String what) {
    if (!at(kind)) {
      throw unexpected(what);
    }
    return next();
  }

  /** Consumes the closer of a bracket opened by {@code open}; EOF is reported at the opener. */
  Token close(Kind kind, Token open, String what) {
    if (at(Kind.EOF)) {
      throw error(open.pos(), "unclosed '" + open.text() + "'; expected '" + closer(kind) + "'");
    }
    return expect(kind, what);
  }

  private static String closer(Kind kind) {
    return switch (kind) {
      case RBRACE -> "}";
      case RBRACK -> "]";
      default -> ")";
    };
  }

  InputException unexpected(String what) {
    Token t = peek();
    return error(t.pos(), "expected " + what + ", found " + t.describe());
  }

  InputException error(Pos pos, String message) {
    return new InputException(pos, message);
  }

  /** The raw token {@code offset} places from the last consumed one, newlines included. */
  Token raw(int offset) {
    int j = idx - 1 + offset;
    return j >= 0 && j < tokens.size() ? tokens.get(j) : tokens.get(tokens.size() - 1);
  }

  /** The raw tokens from the next one (inclusive), for look-ahead scans such as heredoc indents. */
  List<Token> rest() {
    return tokens.subList(idx, tokens.size());
  }
}
