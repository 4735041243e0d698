package dev.strata.hcl;

import dev.strata.hcl.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for HCL native syntax: source text to an {@link Ast.Body} with positions.
 *
 * <p>Algorithm: recursive descent over the tokens of {@link HclLexer}. This class parses bodies (an
 * attribute {@code name = expr} ends at a line break; a block is {@code type label* { body }},
 * where a body on the same line as its <code>{</code> may hold one attribute); {@link ExprParser}
 * parses expressions by precedence climbing and {@link TemplateParser} parses quoted strings and
 * heredocs. Errors are {@link dev.strata.InputException}s placed at the offending token, or at the
 * opening token for anything left unclosed.
 *
 * <p>Mapping notes: a negative number literal becomes a {@link Ast.NumberLit}; a template without
 * interpolation becomes a {@link Ast.StringLit}; inside a {@link Ast.Template}, {@code %{ if }}
 * becomes an {@link Ast.Conditional} of templates and {@code %{ for }} a list-form {@link
 * Ast.ForExpr} whose results are concatenated.
 */
public final class HclParser {
  private final TokenCursor cursor;
  private final ExprParser exprs;

  private HclParser(String source, String fileName) {
    this(HclLexer.tokenize(source, fileName));
  }

  private HclParser(List<Token> tokens) {
    this.cursor = new TokenCursor(tokens);
    this.exprs = new ExprParser(cursor);
  }

  /** Parses HCL native syntax; throws InputException "file:line:col: message" on bad input. */
  public static Ast.Body parse(String source, String fileName) {
    return parse(HclLexer.tokenize(source, fileName), fileName);
  }

  /** Parses the tokens of {@link HclLexer#tokenize} (the formatter lexes only once). */
  static Ast.Body parse(List<Token> tokens, String fileName) {
    HclParser parser = new HclParser(tokens);
    Ast.Body body = parser.body(null, new Pos(fileName, 1, 1));
    parser.cursor.expect(Kind.EOF, "end of file");
    return body;
  }

  /** Parses one expression, e.g. a value given on the command line. */
  public static Ast.Expr parseExpression(String source, String fileName) {
    HclParser parser = new HclParser(source, fileName);
    parser.cursor.pushNewlines(false);
    Ast.Expr expr = parser.exprs.expression();
    parser.cursor.expect(Kind.EOF, "end of expression");
    return expr;
  }

  /** Parses items until <code>}</code> (inside {@code block}) or the end of the file. */
  private Ast.Body body(Header block, Pos pos) {
    List<Ast.Node> items = new ArrayList<>();
    Map<String, Pos> seen = new HashMap<>();
    while (true) {
      Token t = cursor.peek();
      if (t.kind() == Kind.NEWLINE) {
        cursor.next();
      } else if (t.kind() == Kind.EOF) {
        if (block != null) {
          throw cursor.error(block.pos(), "unclosed block \"" + block.type() + "\"; expected '}'");
        }
        return new Ast.Body(items, pos);
      } else if (t.kind() == Kind.RBRACE && block != null) {
        return new Ast.Body(items, pos);
      } else if (t.kind() == Kind.IDENT) {
        Ast.Node item = item(true);
        if (item instanceof Ast.Attribute a) {
          Pos first = seen.putIfAbsent(a.name(), a.pos());
          if (first != null) {
            throw cursor.error(
                a.pos(),
                "duplicate attribute \"%s\" (first defined at %d:%d)"
                    .formatted(a.name(), first.line(), first.column()));
          }
        }
        items.add(item);
      } else {
        throw cursor.unexpected("an attribute or block name");
      }
    }
  }

  /** Parses an attribute or a block; {@code multiLine} is false inside a single-line block. */
  private Ast.Node item(boolean multiLine) {
    Token name = cursor.next();
    if (cursor.accept(Kind.EQUAL)) {
      Ast.Expr value = exprs.expression();
      Token end = cursor.peek();
      if (multiLine && end.kind() != Kind.NEWLINE && end.kind() != Kind.EOF) {
        throw cursor.error(
            end.pos(),
            "unexpected %s after the value of \"%s\"; expected a line break"
                .formatted(end.describe(), name.text()));
      }
      return new Ast.Attribute(name.text(), value, name.pos());
    }
    Token first = cursor.peek();
    if (!multiLine) {
      throw cursor.error(first.pos(), "a single-line block may only contain one attribute");
    }
    List<String> labels = new ArrayList<>();
    while (cursor.at(Kind.IDENT) || cursor.at(Kind.OQUOTE)) {
      labels.add(label());
    }
    if (!cursor.at(Kind.LBRACE)) {
      throw cursor.error(first.pos(), "expected '=' or '{' after \"%s\"".formatted(name.text()));
    }
    Header block = new Header(name.text(), labels, name.pos());
    Token open = cursor.next();
    Ast.Body body;
    if (cursor.at(Kind.NEWLINE)) {
      body = body(block, open.pos());
    } else if (cursor.at(Kind.IDENT)) {
      body = new Ast.Body(List.of(item(false)), open.pos());
      if (!cursor.at(Kind.RBRACE)) {
        throw cursor.unexpected("'}' closing the single-line block \"" + name.text() + "\"");
      }
    } else {
      body = new Ast.Body(List.of(), open.pos());
    }
    if (cursor.at(Kind.EOF)) {
      throw cursor.error(name.pos(), "unclosed block \"" + name.text() + "\"; expected '}'");
    }
    cursor.expect(Kind.RBRACE, "'}' closing block \"" + name.text() + "\"");
    if (!cursor.at(Kind.NEWLINE) && !cursor.at(Kind.EOF) && multiLine) {
      throw cursor.unexpected("a line break after the block \"" + name.text() + "\"");
    }
    return new Ast.Block(block.type(), labels, body, block.pos());
  }

  private String label() {
    Token t = cursor.next();
    if (t.kind() == Kind.IDENT) {
      return t.text();
    }
    StringBuilder value = new StringBuilder();
    while (cursor.at(Kind.TEMPLATE_LIT)) {
      value.append(cursor.next().value());
    }
    if (!cursor.at(Kind.CQUOTE)) {
      throw cursor.error(cursor.peek().pos(), "block labels must be plain strings");
    }
    cursor.next();
    return value.toString();
  }

  /** A block's type, labels and position, known before its body is parsed. */
  private record Header(String type, List<String> labels, Pos pos) {}
}
