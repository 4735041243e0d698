package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.Pos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates HCL expressions into {@link Value}s. It owns the evaluation context: the {@code
 * variable} blocks with the values given by the caller ({@code --var name=value}), and the {@code
 * locals} blocks, evaluated lazily with cycle detection. Object references and bare words are left
 * symbolic; templates, {@code sql()}, conditionals and simple arithmetic are computed.
 */
final class Evaluator {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  private final Map<String, Ast.Block> variables = new LinkedHashMap<>();
  private final Map<String, String> given;
  private final Map<String, Ast.Attribute> locals = new LinkedHashMap<>();
  private final Map<String, Value> done = new LinkedHashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  /** Collects variables and locals of all files; fails on a required variable with no value. */
  Evaluator(List<Ast.Body> files, Map<String, String> vars, DialectSpec spec) {
    this.given = Map.copyOf(vars);
    for (Ast.Body file : files) {
      for (Ast.Block b : file.blocks("variable")) {
        BlockReader r = new BlockReader(b, spec.block("variable"), this);
        String name = r.label();
        Ast.Block first = variables.putIfAbsent(name, b);
        if (first != null) {
          throw new InputException(b.pos(), duplicate("variable", name, first.pos()));
        }
      }
      for (Ast.Block b : file.blocks("locals")) {
        if (!b.labels().isEmpty()) {
          throw new InputException(b.pos(), "locals block takes no labels");
        }
        if (!b.body().blocks().isEmpty()) {
          Ast.Block inner = b.body().blocks().get(0);
          throw new InputException(inner.pos(), "unknown block \"" + inner.type() + "\" in locals");
        }
        for (Ast.Attribute a : b.body().attributes()) {
          Ast.Attribute first = locals.putIfAbsent(a.name(), a);
          if (first != null) {
            throw new InputException(a.pos(), duplicate("local", a.name(), first.pos()));
          }
        }
      }
    }
    for (var e : variables.entrySet()) {
      variable(e.getKey(), e.getValue().pos());
    }
  }

  static String duplicate(String kind, String name, Pos first) {
    return "duplicate " + kind + " \"" + name + "\", first defined at " + first;
  }

  Value eval(Ast.Expr e) {
    if (e instanceof Ast.StringLit s) {
      return new Value.Str(s.value(), s.pos());
    } else if (e instanceof Ast.NumberLit n) {
      return new Value.Num(n.text(), n.pos());
    } else if (e instanceof Ast.BoolLit b) {
      return new Value.Bool(b.value(), b.pos());
    } else if (e instanceof Ast.NullLit n) {
      return new Value.Null(n.pos());
    } else if (e instanceof Ast.Template t) {
      StringBuilder sb = new StringBuilder();
      for (Ast.Expr part : t.parts()) {
        sb.append(part instanceof Ast.StringLit s ? s.value() : interpolate(eval(part)));
      }
      return new Value.Str(sb.toString(), t.pos());
    } else if (e instanceof Ast.ListExpr l) {
      return new Value.ListVal(l.items().stream().map(this::eval).toList(), l.pos());
    } else if (e instanceof Ast.ObjectExpr o) {
      Map<String, Value> fields = new LinkedHashMap<>();
      for (Ast.ObjectItem item : o.items()) {
        fields.put(objectKey(item.key()), eval(item.value()));
      }
      return new Value.Obj(fields, o.pos());
    } else if (e instanceof Ast.Traversal t) {
      return traversal(t.names(), t.pos());
    } else if (e instanceof Ast.FuncCall f) {
      return call(f);
    } else if (e instanceof Ast.Index ix) {
      return index(eval(ix.collection()), eval(ix.key()), ix.pos());
    } else if (e instanceof Ast.GetAttr g) {
      return getAttr(eval(g.object()), g.name(), g.pos());
    } else if (e instanceof Ast.Parens p) {
      return eval(p.inner());
    } else if (e instanceof Ast.Unary u) {
      return Arithmetic.unary(u.op(), eval(u.operand()), u.pos());
    } else if (e instanceof Ast.Binary b) {
      return Arithmetic.binary(b.op(), eval(b.left()), eval(b.right()), b.pos());
    } else if (e instanceof Ast.Conditional c) {
      Value cond = eval(c.condition());
      if (!(cond instanceof Value.Bool b)) {
        throw new InputException(cond.pos(), "condition must be a bool");
      }
      return b.value() ? eval(c.then()) : eval(c.otherwise());
    }
    throw new InputException(e.pos(), "unsupported expression in a schema file");
  }

  private String objectKey(Ast.Expr key) {
    if (key instanceof Ast.Traversal t && t.names().size() == 1) {
      return t.names().get(0);
    }
    Value v = eval(key);
    if (v instanceof Value.Str s) {
      return s.value();
    }
    throw new InputException(key.pos(), "object key must be a name or a string");
  }

  private static String interpolate(Value v) {
    if (v instanceof Value.Str s) {
      return s.value();
    } else if (v instanceof Value.Num n) {
      return n.text();
    } else if (v instanceof Value.Bool b) {
      return Boolean.toString(b.value());
    }
    throw new InputException(v.pos(), "cannot interpolate " + Value.describe(v) + " into a string");
  }

  private Value traversal(List<String> names, Pos pos) {
    String root = names.get(0);
    if ((root.equals("var") || root.equals("local")) && names.size() >= 2) {
      Value v = root.equals("var") ? variable(names.get(1), pos) : local(names.get(1), pos);
      v = Value.at(v, pos);
      for (String name : names.subList(2, names.size())) {
        v = getAttr(v, name, pos);
      }
      return v;
    }
    return names.size() == 1 ? new Value.Ident(root, pos) : new Value.Ref(names, pos);
  }

  private Value getAttr(Value v, String name, Pos pos) {
    if (v instanceof Value.Ref r) {
      List<String> path = new ArrayList<>(r.path());
      path.add(name);
      return new Value.Ref(path, r.pos());
    } else if (v instanceof Value.Obj o && o.fields().containsKey(name)) {
      return Value.at(o.fields().get(name), pos);
    }
    throw new InputException(pos, Value.describe(v) + " has no attribute \"" + name + "\"");
  }

  private Value index(Value coll, Value key, Pos pos) {
    if (coll instanceof Value.Ident i && key instanceof Value.Str s) {
      return new Value.Ref(List.of(i.name(), s.value()), i.pos());
    } else if (coll instanceof Value.Ref r && key instanceof Value.Str s) {
      return getAttr(r, s.value(), pos);
    } else if (coll instanceof Value.Obj o && key instanceof Value.Str s) {
      return getAttr(o, s.value(), pos);
    } else if (coll instanceof Value.ListVal l && key instanceof Value.Num n) {
      BigDecimal i = new BigDecimal(n.text());
      if (i.signum() < 0 || i.compareTo(BigDecimal.valueOf(l.items().size())) >= 0) {
        throw new InputException(key.pos(), "index " + n.text() + " out of range");
      }
      return l.items().get(i.intValueExact());
    }
    throw new InputException(pos, "cannot index " + Value.describe(coll));
  }

  private Value call(Ast.FuncCall f) {
    List<Value> args = f.args().stream().map(this::eval).toList();
    if (f.name().equals("sql")) {
      if (args.size() != 1 || !(args.get(0) instanceof Value.Str s)) {
        throw new InputException(f.pos(), "sql() takes one string argument");
      }
      return new Value.Sql(s.value(), f.pos());
    }
    return new Value.Call(f.name(), args, f.pos());
  }

  private Value local(String name, Pos use) {
    String key = "local." + name;
    Value v = done.get(key);
    if (v != null) {
      return v;
    }
    Ast.Attribute a = locals.get(name);
    if (a == null) {
      throw new InputException(use, "unknown local \"" + name + "\"");
    }
    if (!inProgress.add(key)) {
      throw new InputException(use, "local \"" + name + "\" refers to itself");
    }
    v = eval(a.value());
    inProgress.remove(key);
    done.put(key, v);
    return v;
  }

  private Value variable(String name, Pos use) {
    String key = "var." + name;
    Value v = done.get(key);
    if (v != null) {
      return v;
    }
    Ast.Block b = variables.get(name);
    if (b == null) {
      throw new InputException(use, "unknown variable \"" + name + "\"");
    }
    if (!inProgress.add(key)) {
      throw new InputException(use, "variable \"" + name + "\" refers to itself");
    }
    String type = b.body().attribute("type").map(a -> typeName(a.value())).orElse("string");
    if (given.containsKey(name)) {
      v = fromText(name, type, given.get(name), b.pos());
    } else {
      v =
          b.body()
              .attribute("default")
              .map(a -> eval(a.value()))
              .orElseThrow(
                  () ->
                      new InputException(
                          b.pos(), "missing value for required variable \"" + name + "\""));
    }
    inProgress.remove(key);
    done.put(key, v);
    return v;
  }

  private static Value fromText(String name, String type, String text, Pos pos) {
    switch (type) {
      case "string":
      case "any":
        return new Value.Str(text, pos);
      case "number":
        if (!NUMBER.matcher(text).matches()) {
          throw new InputException(
              pos, "variable \"" + name + "\": \"" + text + "\" is not a number");
        }
        return new Value.Num(text, pos);
      case "bool":
        if (!text.equals("true") && !text.equals("false")) {
          throw new InputException(
              pos, "variable \"" + name + "\": \"" + text + "\" is not a bool");
        }
        return new Value.Bool(text.equals("true"), pos);
      default:
        throw new InputException(
            pos, "variable \"" + name + "\" of type " + type + " cannot be set from a string");
    }
  }

  private static String typeName(Ast.Expr e) {
    if (e instanceof Ast.Traversal t) {
      return t.dotted();
    } else if (e instanceof Ast.FuncCall f) {
      return f.name()
          + "("
          + String.join(",", f.args().stream().map(Evaluator::typeName).toList())
          + ")";
    }
    throw new InputException(
        e.pos(), "variable type must be string, number, bool or a collection type");
  }
}
