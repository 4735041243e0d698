package dev.strata.hcl;

import dev.strata.hcl.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Expression parser for HCL native syntax.
 *
 * <p>Algorithm: precedence climbing. From loosest to tightest binding: the conditional {@code ?:}
 * (right-associative), then the left-associative binary levels {@code ||}, {@code &&}, {@code ==
 * !=}, {@code < <= > >=}, {@code + -}, {@code * / %}, then unary {@code - !}, then postfix steps
 * ({@code .name}, {@code [key]}, {@code [*]}, {@code .*}) on a primary expression (literal,
 * template, reference, call, tuple, object, for expression, parentheses). Attribute steps directly
 * on a reference extend the {@link Ast.Traversal}; after an index, call or parentheses they become
 * {@link Ast.GetAttr}.
 */
final class ExprParser {
  private static final List<List<String>> LEVELS =
      List.of(
          List.of("||"),
          List.of("&&"),
          List.of("==", "!="),
          List.of("<", "<=", ">", ">="),
          List.of("+", "-"),
          List.of("*", "/", "%"));

  private final TokenCursor cursor;
  private final TemplateParser templates;

  ExprParser(TokenCursor cursor) {
    this.cursor = cursor;
    this.templates = new TemplateParser(cursor, this);
  }

  /** Parses a full expression, conditional included. */
  Ast.Expr expression() {
    Ast.Expr condition = binary(0);
    if (!cursor.accept(Kind.QUESTION)) {
      return condition;
    }
    Ast.Expr then = expression();
    cursor.expect(Kind.COLON, "':' in the conditional expression");
    Ast.Expr otherwise = expression();
    return new Ast.Conditional(condition, then, otherwise, condition.pos());
  }

  private Ast.Expr binary(int level) {
    if (level == LEVELS.size()) {
      return unary();
    }
    Ast.Expr left = binary(level + 1);
    while (cursor.at(Kind.OPERATOR) && LEVELS.get(level).contains(cursor.peek().text())) {
      String op = cursor.next().text();
      Ast.Expr right = binary(level + 1);
      left = new Ast.Binary(op, left, right, left.pos());
    }
    return left;
  }

  private Ast.Expr unary() {
    Token t = cursor.peek();
    if (t.isOp("-") && cursor.peek(1).kind() == Kind.NUMBER) {
      cursor.next();
      Token number = cursor.next();
      Ast.Expr literal =
          new Ast.NumberLit(new BigDecimal(number.text()).negate(), "-" + number.text(), t.pos());
      return postfix(literal);
    }
    if (t.isOp("-") || t.isOp("!")) {
      cursor.next();
      return new Ast.Unary(t.text(), unary(), t.pos());
    }
    return postfix(primary());
  }

  private Ast.Expr postfix(Ast.Expr expr) {
    while (true) {
      if (cursor.at(Kind.DOT)) {
        Token dot = cursor.next();
        Token t = cursor.peek();
        if (t.kind() == Kind.IDENT) {
          cursor.next();
          expr = attr(expr, t.text(), dot.pos());
        } else if (t.kind() == Kind.NUMBER && t.text().chars().allMatch(Character::isDigit)) {
          cursor.next();
          Ast.Expr key = new Ast.NumberLit(new BigDecimal(t.text()), t.text(), t.pos());
          expr = new Ast.Index(expr, key, expr.pos());
        } else if (t.isOp("*")) {
          cursor.next();
          expr = new Ast.Splat(expr, splatRest(), false, expr.pos());
        } else {
          throw cursor.unexpected("an attribute name after '.'");
        }
      } else if (cursor.at(Kind.LBRACK)) {
        Token open = cursor.next();
        cursor.pushNewlines(false);
        if (cursor.peek().isOp("*") && cursor.peek(1).kind() == Kind.RBRACK) {
          cursor.next();
          cursor.next();
          cursor.popNewlines();
          expr = new Ast.Splat(expr, splatRest(), true, expr.pos());
        } else {
          Ast.Expr key = expression();
          cursor.close(Kind.RBRACK, open, "']' after the index");
          cursor.popNewlines();
          expr = new Ast.Index(expr, key, expr.pos());
        }
      } else {
        return expr;
      }
    }
  }

  private static Ast.Expr attr(Ast.Expr expr, String name, Pos pos) {
    if (expr instanceof Ast.Traversal t) {
      List<String> names = new ArrayList<>(t.names());
      names.add(name);
      return new Ast.Traversal(names, t.pos());
    }
    return new Ast.GetAttr(expr, name, expr.pos());
  }

  private List<String> splatRest() {
    List<String> rest = new ArrayList<>();
    while (cursor.at(Kind.DOT) && cursor.peek(1).kind() == Kind.IDENT) {
      cursor.next();
      rest.add(cursor.next().text());
    }
    return rest;
  }

  private Ast.Expr primary() {
    Token t = cursor.peek();
    return switch (t.kind()) {
      case NUMBER -> {
        cursor.next();
        yield new Ast.NumberLit(new BigDecimal(t.text()), t.text(), t.pos());
      }
      case IDENT -> identifier();
      case OQUOTE, OHEREDOC -> templates.template();
      case LBRACK -> tuple();
      case LBRACE -> object();
      case LPAREN -> {
        Token open = cursor.next();
        cursor.pushNewlines(false);
        Ast.Expr inner = expression();
        cursor.close(Kind.RPAREN, open, "')'");
        cursor.popNewlines();
        yield new Ast.Parens(inner, t.pos());
      }
      default -> throw cursor.unexpected("an expression");
    };
  }

  private Ast.Expr identifier() {
    Token t = cursor.next();
    if (cursor.at(Kind.LPAREN)) {
      return call(t);
    }
    return switch (t.text()) {
      case "true" -> new Ast.BoolLit(true, t.pos());
      case "false" -> new Ast.BoolLit(false, t.pos());
      case "null" -> new Ast.NullLit(t.pos());
      default -> new Ast.Traversal(List.of(t.text()), t.pos());
    };
  }

  private Ast.Expr call(Token name) {
    Token open = cursor.next();
    cursor.pushNewlines(false);
    List<Ast.Expr> args = new ArrayList<>();
    boolean expand = false;
    while (!cursor.at(Kind.RPAREN) && !cursor.at(Kind.EOF)) {
      args.add(expression());
      if (cursor.accept(Kind.ELLIPSIS)) {
        expand = true;
        cursor.accept(Kind.COMMA);
        break;
      }
      if (!cursor.accept(Kind.COMMA)) {
        break;
      }
    }
    String what = expand ? "')' after the expanded argument" : "',' or ')'";
    cursor.close(Kind.RPAREN, open, what);
    cursor.popNewlines();
    return new Ast.FuncCall(name.text(), args, expand, name.pos());
  }

  private boolean atFor() {
    return cursor.peek().isIdent("for") && cursor.peek(1).kind() == Kind.IDENT;
  }

  private Ast.Expr tuple() {
    Token open = cursor.next();
    cursor.pushNewlines(false);
    if (atFor()) {
      Ast.Expr expr = forExpr(open, false);
      cursor.popNewlines();
      return expr;
    }
    List<Ast.Expr> items = new ArrayList<>();
    while (!cursor.at(Kind.RBRACK) && !cursor.at(Kind.EOF)) {
      items.add(expression());
      if (!cursor.accept(Kind.COMMA)) {
        break;
      }
    }
    cursor.close(Kind.RBRACK, open, "',' or ']'");
    cursor.popNewlines();
    return new Ast.ListExpr(items, open.pos());
  }

  private Ast.Expr object() {
    Token open = cursor.next();
    cursor.pushNewlines(false);
    if (atFor()) {
      Ast.Expr expr = forExpr(open, true);
      cursor.popNewlines();
      return expr;
    }
    cursor.popNewlines();
    cursor.pushNewlines(true);
    List<Ast.ObjectItem> items = new ArrayList<>();
    while (true) {
      while (cursor.accept(Kind.NEWLINE)) {
        // blank lines and line breaks between items
      }
      if (cursor.at(Kind.RBRACE) || cursor.at(Kind.EOF)) {
        break;
      }
      Ast.Expr key = expression();
      if (!cursor.accept(Kind.EQUAL) && !cursor.accept(Kind.COLON)) {
        throw cursor.unexpected("'=' or ':' after the object key");
      }
      Ast.Expr value = expression();
      items.add(new Ast.ObjectItem(key, value));
      if (!cursor.accept(Kind.COMMA) && !cursor.at(Kind.NEWLINE) && !cursor.at(Kind.RBRACE)) {
        throw cursor.unexpected("',', a line break or '}' after the object item");
      }
    }
    cursor.close(Kind.RBRACE, open, "'}'");
    cursor.popNewlines();
    return new Ast.ObjectExpr(items, open.pos());
  }

  /** Parses {@code for k, v in coll : ...} after the opening bracket, through the closer. */
  private Ast.Expr forExpr(Token open, boolean object) {
    cursor.next();
    String first = cursor.expect(Kind.IDENT, "a variable name after 'for'").text();
    String second = null;
    if (cursor.accept(Kind.COMMA)) {
      second = cursor.expect(Kind.IDENT, "a second variable name").text();
    }
    if (!cursor.peek().isIdent("in")) {
      throw cursor.unexpected("'in' in the for expression");
    }
    cursor.next();
    Ast.Expr collection = expression();
    cursor.expect(Kind.COLON, "':' after the for collection");
    Ast.Expr key = null;
    if (object) {
      key = expression();
      cursor.expect(Kind.FAT_ARROW, "'=>' after the key of an object for expression");
    }
    Ast.Expr value = expression();
    boolean grouping = object && cursor.accept(Kind.ELLIPSIS);
    Ast.Expr condition = null;
    if (cursor.peek().isIdent("if")) {
      cursor.next();
      condition = expression();
    }
    cursor.close(object ? Kind.RBRACE : Kind.RBRACK, open, object ? "'}'" : "']'");
    String keyVar = second == null ? null : first;
    String valueVar = second == null ? first : second;
    return new Ast.ForExpr(
        keyVar, valueVar, collection, key, value, condition, grouping, open.pos());
  }
}
