package dev.strata.project;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the expressions a project file may use: literals, templates ({@code "${var.x}/db"}),
 * lists, {@code var.NAME}, {@code local.NAME} (locals may use each other; cycles are errors) and
 * {@code getenv("NAME")} / {@code getenv("NAME", "default")}. Values are String, BigDecimal,
 * Boolean, List or null. A missing environment variable is an error that names the variable and
 * never shows a value.
 */
final class ProjectEval {
  private final Map<String, Object> vars;
  private final Map<String, Ast.Attribute> locals;
  private final Map<String, String> env;
  private final Map<String, Object> localValues = new LinkedHashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private final Set<String> fromEnvironment = new HashSet<>();

  ProjectEval(
      Map<String, Object> vars, Map<String, Ast.Attribute> locals, Map<String, String> env) {
    this.vars = vars;
    this.locals = locals;
    this.env = env;
  }

  Object eval(Ast.Expr e) {
    if (e instanceof Ast.StringLit s) {
      return s.value();
    } else if (e instanceof Ast.NumberLit n) {
      return n.value();
    } else if (e instanceof Ast.BoolLit b) {
      return b.value();
    } else if (e instanceof Ast.NullLit) {
      return null;
    } else if (e instanceof Ast.Parens p) {
      return eval(p.inner());
    } else if (e instanceof Ast.Template t) {
      StringBuilder sb = new StringBuilder();
      for (Ast.Expr part : t.parts()) {
        Object v = eval(part);
        if (v instanceof List<?> || v == null) {
          throw new InputException(
              part.pos(), "cannot put " + (v == null ? "null" : "a list") + " into a string");
        }
        sb.append(v instanceof BigDecimal d ? d.toPlainString() : v);
      }
      return sb.toString();
    } else if (e instanceof Ast.ListExpr l) {
      List<Object> out = new ArrayList<>();
      l.items().forEach(i -> out.add(eval(i)));
      return out;
    } else if (e instanceof Ast.Traversal t) {
      return reference(t);
    } else if (e instanceof Ast.FuncCall f) {
      return call(f);
    }
    throw new InputException(e.pos(), "this kind of expression is not supported in a project file");
  }

  /** Whether {@code text} lies within a value some {@code getenv} call of this file returned. */
  boolean fromEnvironment(String text) {
    return fromEnvironment.stream().anyMatch(v -> v.contains(text));
  }

  String string(Ast.Expr e, String what) {
    Object v = eval(e);
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigDecimal || v instanceof Boolean) {
      return v.toString();
    }
    throw new InputException(e.pos(), what + " must be a string");
  }

  boolean bool(Ast.Expr e, String what) {
    Object v = eval(e);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new InputException(e.pos(), what + " must be true or false");
  }

  /** A string or a list of strings, as a list. */
  List<String> strings(Ast.Expr e, String what) {
    Object v = eval(e);
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
      return l.stream().map(String.class::cast).toList();
    }
    throw new InputException(e.pos(), what + " must be a string or a list of strings");
  }

  private Object reference(Ast.Traversal t) {
    List<String> n = t.names();
    if (n.size() == 2 && n.get(0).equals("var")) {
      if (!vars.containsKey(n.get(1))) {
        throw new InputException(
            t.pos(), "unknown variable \"" + n.get(1) + "\" (declare it with a variable block)");
      }
      return vars.get(n.get(1));
    }
    if (n.size() == 2 && n.get(0).equals("local")) {
      return local(n.get(1), t);
    }
    throw new InputException(
        t.pos(), "unknown reference \"" + t.dotted() + "\" (expected var.NAME or local.NAME)");
  }

  private Object local(String name, Ast.Traversal at) {
    if (localValues.containsKey(name)) {
      return localValues.get(name);
    }
    Ast.Attribute a = locals.get(name);
    if (a == null) {
      throw new InputException(at.pos(), "unknown local \"" + name + "\"");
    }
    if (!resolving.add(name)) {
      throw new InputException(a.pos(), "local \"" + name + "\" refers to itself");
    }
    Object v = eval(a.value());
    resolving.remove(name);
    localValues.put(name, v);
    return v;
  }

  private Object call(Ast.FuncCall f) {
    if (!f.name().equals("getenv")) {
      throw new InputException(
          f.pos(), "unknown function \"" + f.name() + "\" (project files support getenv)");
    }
    if (f.args().isEmpty() || f.args().size() > 2) {
      throw new InputException(f.pos(), "getenv takes a variable name and an optional default");
    }
    String name = string(f.args().get(0), "the getenv argument");
    String v = env.get(name);
    if (v != null) {
      fromEnvironment.add(v);
      return v;
    }
    if (f.args().size() == 2) {
      return eval(f.args().get(1));
    }
    throw new InputException(f.pos(), "environment variable \"" + name + "\" is not set");
  }
}
