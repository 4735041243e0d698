package dev.strata.schemahcl;

import dev.strata.hcl.Pos;
import java.util.List;
import java.util.Map;

/**
 * An evaluated HCL expression: variables, locals, templates and {@code sql()} are resolved, while
 * references to schema objects ({@code table.users.column.id}) and bare words ({@code integer},
 * {@code CASCADE}) stay symbolic for the block decoders to interpret. Every value keeps the
 * position of the expression it came from, so errors point at the use site.
 */
sealed interface Value {
  Pos pos();

  /** A string (quoted, heredoc or template). */
  record Str(String value, Pos pos) implements Value {}

  /** A number, with its source text kept so that {@code 1.50} stays {@code 1.50}. */
  record Num(String text, Pos pos) implements Value {}

  /** {@code true} or {@code false}. */
  record Bool(boolean value, Pos pos) implements Value {}

  /** {@code null}: treated as an absent attribute. */
  record Null(Pos pos) implements Value {}

  /** A bare word: a type name ({@code integer}) or an enumerated keyword ({@code STORED}). */
  record Ident(String name, Pos pos) implements Value {}

  /** A type constructor call such as {@code varchar(255)} or {@code decimal(10,2)}. */
  record Call(String name, List<Value> args, Pos pos) implements Value {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** The result of {@code sql("...")}: SQL text used verbatim. */
  record Sql(String text, Pos pos) implements Value {}

  /** A reference to a schema object, e.g. {@code [table, users, column, id]}. */
  record Ref(List<String> path, Pos pos) implements Value {
    public Ref {
      path = List.copyOf(path);
    }

    String dotted() {
      return String.join(".", path);
    }
  }

  /** A list ({@code [a, b]}). */
  record ListVal(List<Value> items, Pos pos) implements Value {
    public ListVal {
      items = List.copyOf(items);
    }
  }

  /** An object ({@code {a = 1}}), with keys in source order. */
  record Obj(Map<String, Value> fields, Pos pos) implements Value {
    public Obj {
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
  }

  /** The same value, positioned at {@code pos} (the place where a variable or local is used). */
  static Value at(Value v, Pos pos) {
    if (v instanceof Str s) {
      return new Str(s.value(), pos);
    } else if (v instanceof Num n) {
      return new Num(n.text(), pos);
    } else if (v instanceof Bool b) {
      return new Bool(b.value(), pos);
    } else if (v instanceof Null) {
      return new Null(pos);
    } else if (v instanceof Ident i) {
      return new Ident(i.name(), pos);
    } else if (v instanceof Call c) {
      return new Call(c.name(), c.args(), pos);
    } else if (v instanceof Sql s) {
      return new Sql(s.text(), pos);
    } else if (v instanceof Ref r) {
      return new Ref(r.path(), pos);
    } else if (v instanceof ListVal l) {
      return new ListVal(l.items(), pos);
    } else if (v instanceof Obj o) {
      return new Obj(o.fields(), pos);
    }
    throw new IllegalStateException("unknown value " + v);
  }

  /** What the value is, for error messages: "a string", "a list", ... */
  static String describe(Value v) {
    if (v instanceof Str) {
      return "a string";
    } else if (v instanceof Num) {
      return "a number";
    } else if (v instanceof Bool) {
      return "a bool";
    } else if (v instanceof Null) {
      return "null";
    } else if (v instanceof Ident i) {
      return "the word " + i.name();
    } else if (v instanceof Call c) {
      return "a call of " + c.name() + "()";
    } else if (v instanceof Sql) {
      return "sql(...)";
    } else if (v instanceof Ref r) {
      return "the reference " + r.dotted();
    } else if (v instanceof ListVal) {
      return "a list";
    }
    return "an object";
  }
}
