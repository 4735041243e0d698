package dev.strata.hcl;

import dev.strata.hcl.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses quoted templates and heredocs into {@link Ast.StringLit} (no interpolation) or {@link
 * Ast.Template}.
 *
 * <p>Algorithm: the lexer already cut the template into literal pieces and {@code ${...}} / {@code
 * %{...}} sequences, so parsing walks those tokens, handing interpolations to {@link ExprParser}
 * and recursing for the bodies of {@code %{ if }} / {@code %{ for }} directives. Literal pieces are
 * adjusted from their neighbouring tokens: a {@code ~} strip marker next to a sequence trims the
 * whitespace on that side, and in a {@code <<-} heredoc every line loses the indentation common to
 * all non-blank lines (computed first by a scan over the heredoc's tokens). Adjacent literals are
 * merged; a template that is only literal text becomes a single {@link Ast.StringLit}.
 */
final class TemplateParser {
  private final TokenCursor cursor;
  private final ExprParser exprs;

  TemplateParser(TokenCursor cursor, ExprParser exprs) {
    this.cursor = cursor;
    this.exprs = exprs;
  }

  /** Parses the template starting at the next token ({@code "} or a heredoc opener). */
  Ast.Expr template() {
    Token open = cursor.next();
    boolean heredoc = open.kind() == Kind.OHEREDOC;
    int indent = heredoc && open.text().startsWith("<<-") ? flushIndent() : 0;
    List<Ast.Expr> parts = new ArrayList<>();
    Token end = parts(parts, indent);
    if (end != null) {
      throw cursor.error(end.pos(), "unexpected '" + end.text() + "' directive");
    }
    cursor.next();
    return build(parts, open.pos());
  }

  /**
   * Parses template parts until the template's closing token (returns null, not consumed) or an
   * {@code else}/{@code endif}/{@code endfor} directive (returns its keyword, fully consumed).
   */
  private Token parts(List<Ast.Expr> out, int indent) {
    while (true) {
      Token t = cursor.peek();
      switch (t.kind()) {
        case TEMPLATE_LIT -> out.add(literal(cursor.next(), indent));
        case TEMPLATE_INTERP -> {
          cursor.next();
          cursor.accept(Kind.STRIP);
          cursor.pushNewlines(false);
          out.add(exprs.expression());
          closeSequence("'}' closing the interpolation");
        }
        case TEMPLATE_CONTROL -> {
          Token end = directive(out, indent);
          if (end != null) {
            return end;
          }
        }
        case CQUOTE, CHEREDOC -> {
          return null;
        }
        default -> throw cursor.unexpected("template text");
      }
    }
  }

  private void closeSequence(String what) {
    cursor.accept(Kind.STRIP);
    cursor.expect(Kind.TEMPLATE_SEQ_END, what);
    cursor.popNewlines();
  }

  /** Parses a directive; returns the keyword token of a closing directive, else null. */
  private Token directive(List<Ast.Expr> out, int indent) {
    Token open = cursor.next();
    cursor.accept(Kind.STRIP);
    cursor.pushNewlines(false);
    Token keyword = cursor.expect(Kind.IDENT, "'if', 'for', 'else', 'endif' or 'endfor'");
    switch (keyword.text()) {
      case "if" -> {
        Ast.Expr condition = exprs.expression();
        closeSequence("'}' closing the if directive");
        List<Ast.Expr> then = new ArrayList<>();
        List<Ast.Expr> otherwise = new ArrayList<>();
        Token end = parts(then, indent);
        if (end != null && end.text().equals("else")) {
          end = parts(otherwise, indent);
        }
        expectEnd(end, "endif", open);
        out.add(
            new Ast.Conditional(
                condition, build(then, open.pos()), build(otherwise, open.pos()), open.pos()));
        return null;
      }
      case "for" -> {
        String first = cursor.expect(Kind.IDENT, "a variable name after 'for'").text();
        String second = null;
        if (cursor.accept(Kind.COMMA)) {
          second = cursor.expect(Kind.IDENT, "a second variable name").text();
        }
        if (!cursor.peek().isIdent("in")) {
          throw cursor.unexpected("'in' in the for directive");
        }
        cursor.next();
        Ast.Expr collection = exprs.expression();
        closeSequence("'}' closing the for directive");
        List<Ast.Expr> body = new ArrayList<>();
        expectEnd(parts(body, indent), "endfor", open);
        String keyVar = second == null ? null : first;
        String valueVar = second == null ? first : second;
        Ast.Expr value = build(body, open.pos());
        out.add(
            new Ast.ForExpr(keyVar, valueVar, collection, null, value, null, false, open.pos()));
        return null;
      }
      case "else", "endif", "endfor" -> {
        closeSequence("'}' closing the " + keyword.text() + " directive");
        return keyword;
      }
      default ->
          throw cursor.error(
              keyword.pos(), "unknown template directive \"" + keyword.text() + "\"");
    }
  }

  private void expectEnd(Token end, String keyword, Token open) {
    if (end == null) {
      throw cursor.error(open.pos(), "unterminated directive; expected '%{ " + keyword + " }'");
    }
    if (!end.text().equals(keyword)) {
      throw cursor.error(
          end.pos(), "unexpected '" + end.text() + "' directive; expected '" + keyword + "'");
    }
  }

  private Ast.Expr literal(Token t, int indent) {
    String value = t.value();
    Token before = cursor.raw(-1);
    if (indent > 0 && (before.kind() == Kind.OHEREDOC || endsLine(before))) {
      value = value.substring(Math.min(indent, leadingBlanks(value)));
    }
    if (before.kind() == Kind.TEMPLATE_SEQ_END && cursor.raw(-2).kind() == Kind.STRIP) {
      value = value.stripLeading();
    }
    Token after = cursor.raw(1);
    boolean sequence =
        after.kind() == Kind.TEMPLATE_INTERP || after.kind() == Kind.TEMPLATE_CONTROL;
    if (sequence && cursor.raw(2).kind() == Kind.STRIP) {
      value = value.stripTrailing();
    }
    return new Ast.StringLit(value, t.pos());
  }

  private static boolean endsLine(Token t) {
    return t.kind() == Kind.TEMPLATE_LIT && t.value().endsWith("\n");
  }

  /**
   * The indentation common to the non-blank lines of the heredoc about to be read: a line that
   * starts with an interpolation counts as unindented.
   */
  private int flushIndent() {
    int min = Integer.MAX_VALUE;
    int depth = 0;
    boolean lineStart = true;
    for (Token t : cursor.rest()) {
      if (depth == 0) {
        if (t.kind() == Kind.CHEREDOC) {
          break;
        }
        boolean literal = t.kind() == Kind.TEMPLATE_LIT;
        if (lineStart && !literal) {
          min = 0;
        } else if (lineStart && !(t.value().isBlank() && t.value().endsWith("\n"))) {
          min = Math.min(min, leadingBlanks(t.value()));
        }
        lineStart = endsLine(t);
      }
      switch (t.kind()) {
        case TEMPLATE_INTERP, TEMPLATE_CONTROL -> depth++;
        case TEMPLATE_SEQ_END -> depth--;
        default -> {}
      }
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }

  private static int leadingBlanks(String s) {
    int n = 0;
    while (n < s.length() && (s.charAt(n) == ' ' || s.charAt(n) == '\t')) {
      n++;
    }
    return n;
  }

  /** Merges adjacent literals; only literal text yields a {@link Ast.StringLit}. */
  static Ast.Expr build(List<Ast.Expr> parts, Pos pos) {
    List<Ast.Expr> merged = new ArrayList<>();
    for (Ast.Expr part : parts) {
      if (part instanceof Ast.StringLit s && s.value().isEmpty()) {
        continue;
      }
      int last = merged.size() - 1;
      if (part instanceof Ast.StringLit s
          && last >= 0
          && merged.get(last) instanceof Ast.StringLit p) {
        merged.set(last, new Ast.StringLit(p.value() + s.value(), p.pos()));
      } else {
        merged.add(part);
      }
    }
    if (merged.isEmpty()) {
      return new Ast.StringLit("", pos);
    }
    if (merged.size() == 1 && merged.get(0) instanceof Ast.StringLit s) {
      return new Ast.StringLit(s.value(), pos);
    }
    return new Ast.Template(merged, pos);
  }
}
