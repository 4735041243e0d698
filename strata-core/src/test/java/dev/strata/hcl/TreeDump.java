package dev.strata.hcl;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders an {@link Ast} tree without positions, as compact S-expressions, so that tests can
 * compare trees of differently formatted sources and state expected trees in one readable line.
 */
final class TreeDump {
  private TreeDump() {}

  static String body(Ast.Body body) {
    return body.items().stream().map(TreeDump::node).collect(Collectors.joining("; "));
  }

  static String node(Ast.Node node) {
    if (node instanceof Ast.Attribute a) {
      return a.name() + " = " + expr(a.value());
    }
    Ast.Block b = (Ast.Block) node;
    String labels = b.labels().stream().map(TreeDump::quote).collect(Collectors.joining(" "));
    return b.type() + (labels.isEmpty() ? "" : " " + labels) + " {" + body(b.body()) + "}";
  }

  static String expr(Ast.Expr e) {
    if (e == null) {
      return "-";
    } else if (e instanceof Ast.StringLit s) {
      return quote(s.value());
    } else if (e instanceof Ast.Template t) {
      return "(tmpl " + all(t.parts()) + ")";
    } else if (e instanceof Ast.NumberLit n) {
      return n.text();
    } else if (e instanceof Ast.BoolLit b) {
      return String.valueOf(b.value());
    } else if (e instanceof Ast.NullLit) {
      return "null";
    } else if (e instanceof Ast.ListExpr l) {
      return "[" + all(l.items()) + "]";
    } else if (e instanceof Ast.ObjectExpr o) {
      return "{"
          + o.items().stream()
              .map(i -> expr(i.key()) + "=" + expr(i.value()))
              .collect(Collectors.joining(" "))
          + "}";
    } else if (e instanceof Ast.Traversal t) {
      return t.dotted();
    } else if (e instanceof Ast.FuncCall f) {
      return "(call "
          + f.name()
          + (f.args().isEmpty() ? "" : " " + all(f.args()))
          + (f.expandFinal() ? " ..." : "")
          + ")";
    } else if (e instanceof Ast.Index i) {
      return "(index " + expr(i.collection()) + " " + expr(i.key()) + ")";
    } else if (e instanceof Ast.GetAttr g) {
      return "(attr " + expr(g.object()) + " " + g.name() + ")";
    } else if (e instanceof Ast.Splat s) {
      return "(splat" + (s.full() ? "[*] " : ".* ") + expr(s.source()) + " " + s.rest() + ")";
    } else if (e instanceof Ast.Unary u) {
      return "(" + u.op() + " " + expr(u.operand()) + ")";
    } else if (e instanceof Ast.Binary b) {
      return "(" + b.op() + " " + expr(b.left()) + " " + expr(b.right()) + ")";
    } else if (e instanceof Ast.Conditional c) {
      return "(? " + expr(c.condition()) + " " + expr(c.then()) + " " + expr(c.otherwise()) + ")";
    } else if (e instanceof Ast.ForExpr f) {
      return "(for "
          + f.keyVar()
          + " "
          + f.valueVar()
          + " "
          + expr(f.collection())
          + " "
          + expr(f.keyExpr())
          + " "
          + expr(f.valueExpr())
          + " "
          + expr(f.condition())
          + (f.grouping() ? " ..." : "")
          + ")";
    } else if (e instanceof Ast.Parens p) {
      return "(parens " + expr(p.inner()) + ")";
    }
    throw new IllegalArgumentException("unknown node " + e);
  }

  private static String all(List<Ast.Expr> exprs) {
    return exprs.stream().map(TreeDump::expr).collect(Collectors.joining(" "));
  }

  static String quote(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }
}
