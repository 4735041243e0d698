package dev.strata.hcl;

import java.math.BigDecimal;
import java.util.List;

/**
 * The HCL native-syntax tree produced by {@link HclParser}: bodies of attributes and blocks, and
 * unevaluated expressions. Every node keeps the position where it starts. Nothing here knows about
 * SQL or Atlas; {@code dev.strata.schemahcl} gives it meaning.
 */
public final class Ast {
  private Ast() {}

  /** A body: attributes and blocks in source order. */
  public record Body(List<Node> items, Pos pos) {
    public Body {
      items = List.copyOf(items);
    }

    public List<Attribute> attributes() {
      return items.stream().filter(Attribute.class::isInstance).map(Attribute.class::cast).toList();
    }

    public List<Block> blocks() {
      return items.stream().filter(Block.class::isInstance).map(Block.class::cast).toList();
    }

    public List<Block> blocks(String type) {
      return blocks().stream().filter(b -> b.type().equals(type)).toList();
    }

    public java.util.Optional<Attribute> attribute(String name) {
      return attributes().stream().filter(a -> a.name().equals(name)).findFirst();
    }
  }

  /** A body item. */
  public sealed interface Node permits Attribute, Block {
    Pos pos();
  }

  /** {@code name = expr}. */
  public record Attribute(String name, Expr value, Pos pos) implements Node {}

  /** {@code type "label" label2 { body }}; labels are the unquoted label strings. */
  public record Block(String type, List<String> labels, Body body, Pos pos) implements Node {
    public Block {
      labels = List.copyOf(labels);
    }
  }

  /** An expression, unevaluated. */
  public sealed interface Expr
      permits StringLit,
          Template,
          NumberLit,
          BoolLit,
          NullLit,
          ListExpr,
          ObjectExpr,
          Traversal,
          FuncCall,
          Index,
          GetAttr,
          Splat,
          Unary,
          Binary,
          Conditional,
          ForExpr,
          Parens {
    Pos pos();
  }

  /** A quoted string or heredoc with no interpolation; {@code value} has escapes resolved. */
  public record StringLit(String value, Pos pos) implements Expr {}

  /**
   * A quoted string or heredoc with {@code ${...}} interpolations or {@code %{...}} directives:
   * parts are {@link StringLit} and other expressions in order.
   */
  public record Template(List<Expr> parts, Pos pos) implements Expr {
    public Template {
      parts = List.copyOf(parts);
    }
  }

  /** A number, with the source text kept for exact round trips. */
  public record NumberLit(BigDecimal value, String text, Pos pos) implements Expr {}

  public record BoolLit(boolean value, Pos pos) implements Expr {}

  public record NullLit(Pos pos) implements Expr {}

  /** {@code [a, b, c]}. */
  public record ListExpr(List<Expr> items, Pos pos) implements Expr {
    public ListExpr {
      items = List.copyOf(items);
    }
  }

  /** {@code { key = value, ... }}; keys are expressions (usually a bare name as a Traversal). */
  public record ObjectExpr(List<ObjectItem> items, Pos pos) implements Expr {
    public ObjectExpr {
      items = List.copyOf(items);
    }
  }

  public record ObjectItem(Expr key, Expr value) {}

  /**
   * A variable reference with attribute steps: {@code table.users.column.id} is {@code
   * Traversal([table, users, column, id])}. Index steps ({@code a[0]}) are {@link Index} nodes.
   */
  public record Traversal(List<String> names, Pos pos) implements Expr {
    public Traversal {
      names = List.copyOf(names);
    }

    /** The dotted text, e.g. "table.users.column.id". */
    public String dotted() {
      return String.join(".", names);
    }
  }

  /** {@code name(arg, ...)}; {@code expandFinal} for a trailing {@code ...}. */
  public record FuncCall(String name, List<Expr> args, boolean expandFinal, Pos pos)
      implements Expr {
    public FuncCall {
      args = List.copyOf(args);
    }
  }

  /** {@code collection[key]}. */
  public record Index(Expr collection, Expr key, Pos pos) implements Expr {}

  /** {@code expr.name} where expr is not a plain traversal (e.g. after a call or an index). */
  public record GetAttr(Expr object, String name, Pos pos) implements Expr {}

  /** {@code expr[*].rest} or {@code expr.*.rest}; {@code rest} is the names after the splat. */
  public record Splat(Expr source, List<String> rest, boolean full, Pos pos) implements Expr {
    public Splat {
      rest = List.copyOf(rest);
    }
  }

  /** {@code -x}, {@code !x}. */
  public record Unary(String op, Expr operand, Pos pos) implements Expr {}

  /** {@code a + b}, {@code a == b}, {@code a && b}, ... */
  public record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

  /** {@code cond ? a : b}. */
  public record Conditional(Expr condition, Expr then, Expr otherwise, Pos pos) implements Expr {}

  /**
   * {@code [for k, v in coll : value if cond]} or {@code {for k, v in coll : key => value ...}};
   * {@code keyVar} is null when only one variable is named, {@code keyExpr} null for a list form.
   */
  public record ForExpr(
      String keyVar,
      String valueVar,
      Expr collection,
      Expr keyExpr,
      Expr valueExpr,
      Expr condition,
      boolean grouping,
      Pos pos)
      implements Expr {}

  /** {@code (expr)}, kept so that formatting can reproduce it. */
  public record Parens(Expr inner, Pos pos) implements Expr {}
}
