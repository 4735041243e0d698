package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.Pos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects declared across all files (schemas, tables with their column names, views), and the
 * resolution of references to them: {@code schema.main}, {@code table.users} or {@code
 * table.main.users} (the form of a table block with two labels), {@code view.v}, {@code column.id}
 * (in the enclosing table) and {@code table.users.column.id}. Unknown or ambiguous references fail
 * with the position of the reference.
 */
final class Catalog {
  /** A declared table or view: its schema, name, block, and the names of its column blocks. */
  record Entry(String kind, String schema, String name, Ast.Block block, List<String> columns) {
    Entry {
      columns = List.copyOf(columns);
    }

    String describe() {
      return kind + " \"" + name + "\"";
    }
  }

  /** A resolved column reference. */
  record ColumnRef(Entry table, String column) {}

  private final Map<String, Pos> schemas = new LinkedHashMap<>();
  private final List<Entry> entries = new ArrayList<>();

  /** Entries by schema and name, to reject duplicates in constant time. */
  private final Map<List<String>, Entry> bySchemaName = new HashMap<>();

  /** Entries by kind and name (in declaration order), for reference resolution. */
  private final Map<List<String>, List<Entry>> byKindName = new HashMap<>();

  void addSchema(String name, Pos pos) {
    Pos first = schemas.putIfAbsent(name, pos);
    if (first != null) {
      throw new InputException(pos, Evaluator.duplicate("schema", name, first));
    }
  }

  List<String> schemaNames() {
    return List.copyOf(schemas.keySet());
  }

  void add(Entry e) {
    Entry other = bySchemaName.putIfAbsent(List.of(e.schema(), e.name()), e);
    if (other != null) {
      String kind = other.kind().equals(e.kind()) ? e.kind() : "table or view";
      throw new InputException(
          e.block().pos(), Evaluator.duplicate(kind, e.name(), other.block().pos()));
    }
    entries.add(e);
    byKindName.computeIfAbsent(List.of(e.kind(), e.name()), k -> new ArrayList<>(1)).add(e);
  }

  List<Entry> entries(String... kinds) {
    List<String> k = List.of(kinds);
    return entries.stream().filter(e -> k.contains(e.kind())).toList();
  }

  /**
   * Declared user-defined types (PostgreSQL enums, domains, composites): kind and name to schemas.
   */
  private final Map<List<String>, List<String>> types = new HashMap<>();

  void addType(String kind, String schema, String name) {
    types.computeIfAbsent(List.of(kind, name), k -> new ArrayList<>()).add(schema);
  }

  /**
   * The SQL type text of {@code enum.NAME}, {@code domain.NAME}, {@code composite.NAME} (or with
   * the schema: {@code enum.SCHEMA.NAME}) used in {@code schema}: the bare name when the type is in
   * {@code public}, else {@code schema.name}; null when {@code v} is not such a reference.
   */
  String typeRef(Value v, String schema) {
    if (!(v instanceof Value.Ref r) || !TYPE_KINDS.contains(r.path().get(0))) {
      return null;
    }
    List<String> p = r.path();
    if (p.size() != 2 && p.size() != 3) {
      throw new InputException(v.pos(), "expected " + p.get(0) + ".NAME");
    }
    String name = p.get(p.size() - 1);
    List<String> in =
        types.getOrDefault(List.of(p.get(0), name), List.of()).stream()
            .filter(s -> p.size() == 2 || s.equals(p.get(1)))
            .toList();
    if (in.isEmpty()) {
      throw new InputException(v.pos(), p.get(0) + " \"" + name + "\" not found");
    } else if (in.size() > 1 && !in.contains(schema)) {
      throw new InputException(
          v.pos(), p.get(0) + " \"" + name + "\" is ambiguous; write " + p.get(0) + ".SCHEMA.NAME");
    }
    String s = in.size() > 1 || p.size() == 2 && in.contains(schema) ? schema : in.get(0);
    // Qualified unless in public: the statements run with the default search_path, where a type
    // of the table's own schema "app" is not visible (and the inspector spells it app.mood).
    return s.equals("public") ? name : s + "." + name;
  }

  static final List<String> TYPE_KINDS = List.of("enum", "domain", "composite");

  /** Resolves {@code schema.NAME}. */
  String schema(Value v) {
    if (v instanceof Value.Ref r && r.path().size() == 2 && r.path().get(0).equals("schema")) {
      String name = r.path().get(1);
      if (!schemas.containsKey(name)) {
        throw new InputException(v.pos(), "schema \"" + name + "\" not found");
      }
      return name;
    }
    throw new InputException(v.pos(), "schema must be a reference to a schema (schema.NAME)");
  }

  /** Resolves {@code table.NAME}, {@code table.SCHEMA.NAME}, and the same for views. */
  Entry object(Value v, List<String> kinds) {
    if (v instanceof Value.Ref r && kinds.contains(r.path().get(0))) {
      List<String> p = r.path();
      if (p.size() == 2) {
        return find(p.get(0), null, p.get(1), v.pos());
      } else if (p.size() == 3) {
        return find(p.get(0), p.get(1), p.get(2), v.pos());
      }
    }
    String forms = String.join(" or ", kinds.stream().map(k -> k + ".NAME").toList());
    throw new InputException(
        v.pos(),
        "expected a reference to a "
            + String.join(" or ", kinds)
            + " ("
            + forms
            + "), got "
            + Value.describe(v));
  }

  private Entry find(String kind, String schema, String name, Pos pos) {
    List<Entry> found =
        byKindName.getOrDefault(List.of(kind, name), List.of()).stream()
            .filter(e -> schema == null || e.schema().equals(schema))
            .toList();
    if (found.isEmpty()) {
      String in = schema == null ? "" : " in schema \"" + schema + "\"";
      throw new InputException(pos, kind + " \"" + name + "\" not found" + in);
    }
    if (found.size() > 1) {
      throw new InputException(
          pos,
          kind
              + " \""
              + name
              + "\" is ambiguous: it exists in schemas "
              + String.join(", ", found.stream().map(e -> "\"" + e.schema() + "\"").toList())
              + "; write "
              + kind
              + ".SCHEMA."
              + name);
    }
    return found.get(0);
  }

  /** Resolves {@code column.NAME} (in {@code context}) or {@code table...column.NAME}. */
  ColumnRef column(Value v, Entry context) {
    if (v instanceof Value.Ref r) {
      List<String> p = r.path();
      int n = p.size();
      if (n >= 2 && p.get(n - 2).equals("column") && (n == 2 || n == 4 || n == 5)) {
        Entry table =
            n == 2
                ? context
                : object(new Value.Ref(p.subList(0, n - 2), v.pos()), List.of("table", "view"));
        if (table == null) {
          throw new InputException(v.pos(), "column." + p.get(1) + " outside of a table");
        }
        String col = p.get(n - 1);
        if (!hasColumn(table, col)) {
          throw new InputException(
              v.pos(), "column \"" + col + "\" not found in " + table.describe());
        }
        return new ColumnRef(table, col);
      }
    }
    throw new InputException(
        v.pos(), "expected a column reference (column.NAME), got " + Value.describe(v));
  }

  /**
   * True when {@code table} declares {@code column}, or, for a PostgreSQL partition (which declares
   * no columns), when its parent does ({@code partition_of}, followed up the partition tree).
   */
  private boolean hasColumn(Entry table, String column) {
    Entry t = table;
    for (int depth = 0; t != null && depth < 32; depth++) {
      if (t.columns().contains(column)) {
        return true;
      }
      t = parentOf(t);
    }
    return false;
  }

  /** The table named by a table block's {@code partition_of = table.PARENT}, or null. */
  private Entry parentOf(Entry table) {
    if (!table.kind().equals("table")) {
      return null;
    }
    return table
        .block()
        .body()
        .attribute("partition_of")
        .filter(a -> a.value() instanceof Ast.Traversal)
        .map(a -> (Ast.Traversal) a.value())
        .map(t -> object(new Value.Ref(t.names(), t.pos()), List.of("table")))
        .orElse(null);
  }

  /** Resolves a column reference that must be a column of {@code table} itself. */
  String ownColumn(Value v, Entry table) {
    ColumnRef c = column(v, table);
    if (c.table() != table) {
      throw new InputException(
          v.pos(), "column " + ((Value.Ref) v).dotted() + " is not in " + table.describe());
    }
    return c.column();
  }
}
