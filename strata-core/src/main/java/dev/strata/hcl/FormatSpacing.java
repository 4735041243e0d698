package dev.strata.hcl;

import dev.strata.hcl.HclFormatter.Atom;
import dev.strata.hcl.Token.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The horizontal half of {@link HclFormatter}: turns tokens into atoms and decides whether a single
 * space precedes each one.
 *
 * <p>Algorithm: one pass over the tokens. A quoted string or heredoc, from its opener to its
 * matching closer, becomes one atom holding the verbatim source. A stack of bracket frames tracks
 * what each {@code :} means (after a pending {@code ?} or inside a for expression it is spaced like
 * an operator; directly in an object it separates a key and is written {@code key: value}), and the
 * token before a {@code -} tells a unary minus (no space after it) from a binary one. Everything
 * else is a small table: no space inside {@code ()} and {@code []}, around {@code .}, before {@code
 * ,} and {@code ...}, or before the {@code (} of a call and the {@code [} of an index; one space
 * inside a non-empty single-line {@code { }}, around binary operators and after commas.
 */
final class FormatSpacing {
  private FormatSpacing() {}

  /** An open bracket: its kind, whether a for expression starts it, and unanswered '?'s. */
  private static final class Frame {
    final Kind kind;
    final boolean isFor;
    int questions;

    Frame(Kind kind, boolean isFor) {
      this.kind = kind;
      this.isFor = isFor;
    }
  }

  static List<Atom> atoms(String src, List<Token> tokens) {
    List<Atom> atoms = new ArrayList<>();
    Deque<Frame> frames = new ArrayDeque<>();
    frames.push(new Frame(Kind.EOF, false));
    Atom prev = null;
    boolean prevUnary = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.EOF) {
        break;
      }
      if (t.kind() == Kind.COMMA && isCloser(tokens.get(i + 1).kind())) {
        continue;
      }
      String text = t.text();
      if (t.kind() == Kind.OQUOTE || t.kind() == Kind.OHEREDOC) {
        int close = matchingCloser(tokens, i);
        text = src.substring(t.start(), tokens.get(close).end());
        i = close;
      } else if (t.kind() == Kind.COMMENT) {
        text = text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
      }
      Frame frame = frames.peek();
      boolean space =
          prev != null && prev.kind() != Kind.NEWLINE && space(prev, prevUnary, t, frame);
      Atom atom = new Atom(t.kind(), text, space);
      prevUnary = (t.isOp("-") || t.isOp("!")) && isUnary(atoms, frame);
      switch (t.kind()) {
        case LBRACE, LBRACK, LPAREN -> frames.push(new Frame(t.kind(), nextIsFor(tokens, i)));
        case RBRACE, RBRACK, RPAREN -> {
          if (frames.size() > 1) {
            frames.pop();
          }
        }
        case QUESTION -> frame.questions++;
        case COLON -> frame.questions = Math.max(0, frame.questions - 1);
        default -> {}
      }
      atoms.add(atom);
      prev = atom;
    }
    return atoms;
  }

  private static boolean isCloser(Kind kind) {
    return kind == Kind.RBRACE || kind == Kind.RBRACK || kind == Kind.RPAREN;
  }

  private static int matchingCloser(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      switch (tokens.get(i).kind()) {
        case OQUOTE, OHEREDOC -> depth++;
        case CQUOTE, CHEREDOC -> {
          if (--depth == 0) {
            return i;
          }
        }
        default -> {}
      }
    }
    throw new IllegalStateException("unbalanced template tokens");
  }

  private static boolean nextIsFor(List<Token> tokens, int i) {
    for (int j = i + 1; j < tokens.size(); j++) {
      Kind kind = tokens.get(j).kind();
      if (kind != Kind.NEWLINE && kind != Kind.COMMENT) {
        return tokens.get(j).isIdent("for");
      }
    }
    return false;
  }

  /** True when the operator just seen follows no operand, so it is a prefix operator. */
  private static boolean isUnary(List<Atom> atoms, Frame frame) {
    boolean newlinesIgnored = frame.kind == Kind.LPAREN || frame.kind == Kind.LBRACK;
    for (int i = atoms.size() - 1; i >= 0; i--) {
      Atom a = atoms.get(i);
      if (a.kind() == Kind.COMMENT || (a.kind() == Kind.NEWLINE && newlinesIgnored)) {
        continue;
      }
      return !endsOperand(a, frame);
    }
    return true;
  }

  private static boolean endsOperand(Atom a, Frame frame) {
    return switch (a.kind()) {
      case IDENT -> !(frame.isFor && isForKeyword(a.text()));
      case NUMBER, OQUOTE, OHEREDOC, RPAREN, RBRACK, RBRACE -> true;
      default -> false;
    };
  }

  private static boolean isForKeyword(String word) {
    return word.equals("for") || word.equals("in") || word.equals("if");
  }

  private static boolean space(Atom prev, boolean prevUnary, Token cur, Frame frame) {
    Kind p = prev.kind();
    return switch (cur.kind()) {
      case COMMENT -> true;
      case COMMA, ELLIPSIS, DOT, RPAREN, RBRACK -> false;
      case RBRACE -> p != Kind.LBRACE;
      case LPAREN ->
          !(p == Kind.IDENT && !(frame.isFor && isForKeyword(prev.text())))
              && afterOpen(prev, prevUnary);
      case LBRACK -> !endsOperand(prev, frame) && afterOpen(prev, prevUnary);
      case COLON -> frame.questions > 0 || frame.isFor || frame.kind != Kind.LBRACE;
      default -> afterOpen(prev, prevUnary) && !(p == Kind.LBRACE && cur.kind() == Kind.RBRACE);
    };
  }

  /** Whether the previous atom allows a space after it at all. */
  private static boolean afterOpen(Atom prev, boolean prevUnary) {
    return switch (prev.kind()) {
      case LPAREN, LBRACK, DOT -> false;
      case OPERATOR -> !prevUnary;
      default -> true;
    };
  }
}
