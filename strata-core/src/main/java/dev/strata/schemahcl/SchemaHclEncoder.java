package dev.strata.schemahcl;

import dev.strata.StrataException;
import dev.strata.dialect.postgres.PostgresAttrs;
import dev.strata.diff.Differ;
import dev.strata.hcl.HclFormatter;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Encodes a {@link Realm} as Atlas HCL: schema blocks, then tables, views and triggers, each with
 * its attributes in a fixed canonical order. Types and defaults use HCL literals where the SQL text
 * allows ({@code varchar(255)}, {@code "abc"} for {@code 'abc'}) and {@code sql("...")} otherwise.
 * A table or view whose name exists in several schemas gets two labels ({@code table "s" "t"}) so
 * that references to it stay unambiguous. A trigger whose definition is in the shape the decoder
 * composes is written in Atlas's structured form; any other keeps its whole {@code CREATE TRIGGER}
 * statement in {@code as}. {@link SchemaHclDecoder} reads the output back to an equal realm.
 */
public final class SchemaHclEncoder {
  private final DialectSpec spec;
  private final HclWriter w = new HclWriter();
  private final Set<String> qualifiedTables;
  private final Set<String> qualifiedViews;

  /** How many schemas declare each user-defined type (kind NUL name). */
  private final Map<String, Integer> typeRefs = new HashMap<>();

  /** The user-defined types by schema, for {@code type = enum.NAME}. */
  private final Map<String, Map<String, String>> typesBySchema = new HashMap<>();

  private SchemaHclEncoder(Realm realm, String dialect) {
    this.spec = DialectSpec.of(dialect);
    this.qualifiedTables = ambiguous(realm, s -> s.tables().stream().map(Table::name).toList());
    this.qualifiedViews = ambiguous(realm, s -> s.views().stream().map(View::name).toList());
  }

  /** The HCL text of {@code realm} for {@code dialect} ("sqlite", "postgres", "mysql"). */
  public static String encode(Realm realm, String dialect) {
    return new SchemaHclEncoder(realm, dialect).run(realm);
  }

  private static Set<String> ambiguous(
      Realm realm, java.util.function.Function<Schema, List<String>> names) {
    Map<String, Long> counts =
        realm.schemas().stream()
            .flatMap(s -> names.apply(s).stream())
            .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private String run(Realm realm) {
    for (Schema s : realm.schemas()) {
      for (SchemaObject o : s.objects()) {
        if (Catalog.TYPE_KINDS.contains(o.kind())) {
          typesBySchema.computeIfAbsent(s.name(), k -> new HashMap<>()).put(o.name(), o.kind());
        }
      }
    }
    List<Runnable> blocks = new ArrayList<>();
    for (Schema s : realm.schemas()) {
      blocks.add(
          () -> {
            w.open("schema", List.of(s.name()));
            extras("schema", s.attrs());
            w.close();
          });
    }
    for (Schema s : realm.schemas()) {
      for (SchemaObject o : s.objects()) {
        if (o instanceof SchemaObject.Policy) {
          continue; // after the tables they are on
        }
        blocks.add(() -> object(s, o));
        if (Catalog.TYPE_KINDS.contains(o.kind())) {
          typeRefs.merge(o.kind() + "\u0000" + o.name(), 1, Integer::sum);
        }
      }
    }
    for (Schema s : realm.schemas()) {
      s.tables().forEach(t -> blocks.add(() -> table(s, t)));
    }
    for (Schema s : realm.schemas()) {
      s.views().forEach(v -> blocks.add(() -> view(s, v)));
    }
    for (Schema s : realm.schemas()) {
      s.triggers().forEach(t -> blocks.add(() -> trigger(s, t)));
    }
    for (Schema s : realm.schemas()) {
      for (SchemaObject o : s.objects()) {
        if (o instanceof SchemaObject.Policy p) {
          blocks.add(() -> policy(s, p));
        }
      }
    }
    for (int i = 0; i < blocks.size(); i++) {
      if (i > 0) {
        w.blankLine();
      }
      blocks.get(i).run();
    }
    return HclFormatter.format(w.text(), "<encoded>");
  }

  private List<String> labels(String schema, String name, Set<String> qualified) {
    return qualified.contains(name) ? List.of(schema, name) : List.of(name);
  }

  /** {@code table.users}, {@code table.s.users}, with {@code ["x y"]} steps for odd names. */
  private static String ref(List<String> path) {
    StringBuilder sb = new StringBuilder(path.get(0));
    for (String p : path.subList(1, path.size())) {
      sb.append(SqlText.isIdent(p) ? "." + p : "[" + HclWriter.quoted(p, false) + "]");
    }
    return sb.toString();
  }

  private String tableRef(String schema, String name) {
    List<String> path = new ArrayList<>(List.of("table"));
    path.addAll(labels(schema, name, qualifiedTables));
    return ref(path);
  }

  private void table(Schema s, Table t) {
    w.open("table", labels(s.name(), t.name(), qualifiedTables));
    w.attr("schema", ref(List.of("schema", s.name())));
    if (t.comment() != null) {
      w.attr("comment", HclWriter.string(t.comment()));
    }
    extras("table", t.attrs());
    partitionOf(t);
    t.columns().forEach(c -> column(s, c));
    if (t.primaryKey() != null) {
      PrimaryKey pk = t.primaryKey();
      w.open("primary_key", pk.name() == null ? List.of() : List.of(pk.name()));
      parts(pk.parts(), "primary_key.on");
      extras("primary_key", pk.attrs());
      w.close();
    }
    for (Index i : t.indexes()) {
      index(i);
    }
    t.foreignKeys().forEach(fk -> foreignKey(s, fk));
    tableBlocks(t);
    for (Check c : t.checks()) {
      if (spec.name().equals("postgres") && c.attrs().flag(PostgresAttrs.EXCLUSION)) {
        exclusion(c);
        continue;
      }
      w.open("check", c.name() == null ? List.of() : List.of(c.name()));
      w.attr("expr", HclWriter.string(c.expr()));
      extras("check", c.attrs());
      w.close();
    }
    w.close();
  }

  private void column(Schema s, Column c) {
    w.open("column", List.of(c.name()));
    if (c.nullable()) {
      w.attr("null", "true");
    }
    String serial = spec.name().equals("postgres") && c.autoIncrement() ? serial(c.type()) : null;
    w.attr("type", serial != null ? serial : type(s, c.type()));
    if (c.defaultExpr() != null) {
      w.attr("default", literal(c.defaultExpr()));
    }
    if (c.autoIncrement() && serial == null) {
      w.attr("auto_increment", "true");
    }
    if (c.collation() != null) {
      w.attr("collate", HclWriter.string(c.collation()));
    }
    if (c.comment() != null) {
      w.attr("comment", HclWriter.string(c.comment()));
    }
    extras("column", c.attrs());
    identity(c.attrs());
    if (c.generated() != null) {
      w.open("as", List.of());
      w.attr("expr", HclWriter.string(c.generated().expr()));
      w.attr("type", c.generated().kind());
      w.close();
    }
    w.close();
  }

  /** A type: {@code enum.NAME} for a user-defined type, a bare type, or {@code sql("...")}. */
  private String type(Schema s, String type) {
    String schema = s.name();
    String name = type;
    int dot = type.indexOf('.');
    if (dot > 0 && SqlText.isIdent(type.substring(0, dot))) {
      schema = type.substring(0, dot);
      name = type.substring(dot + 1);
    }
    String kind = typesBySchema.getOrDefault(schema, Map.of()).get(name);
    if (kind != null && SqlText.isIdent(name)) {
      boolean unique = typeRefs.getOrDefault(kind + "\u0000" + name, 0) == 1;
      boolean local = schema.equals(s.name());
      if (local || unique) {
        return kind + "." + (local || unique ? "" : schema + ".") + name;
      }
      return kind + "." + schema + "." + name;
    }
    return SqlText.isBareType(type) ? type : sql(type);
  }

  private static String sql(String text) {
    return "sql(" + HclWriter.string(text) + ")";
  }

  /** A default as an HCL literal when it is a plain SQL literal, else {@code sql("...")}. */
  private static String literal(String expr) {
    Optional<String> str = SqlText.unquote(expr);
    if (str.isPresent()) {
      return HclWriter.string(str.get());
    } else if (SqlText.NUMBER.matcher(expr).matches()
        || expr.equals("true")
        || expr.equals("false")) {
      return expr;
    }
    return sql(expr);
  }

  private void parts(List<IndexPart> parts, String onPath) {
    boolean plain =
        parts.stream().allMatch(p -> p.column() != null && !p.desc() && p.attrs().isEmpty());
    if (plain) {
      List<String> refs = parts.stream().map(p -> ref(List.of("column", p.column()))).toList();
      w.attr("columns", "[" + String.join(", ", refs) + "]");
      return;
    }
    for (IndexPart p : parts) {
      w.open("on", List.of());
      if (p.column() != null) {
        w.attr("column", ref(List.of("column", p.column())));
      } else if (onPath.equals("index.on")) {
        w.attr("expr", HclWriter.string(p.expr()));
      } else {
        throw new StrataException("a primary key part must be a column, not " + p.expr());
      }
      if (p.desc()) {
        w.attr("desc", "true");
      }
      extras(onPath, p.attrs());
      w.close();
    }
  }

  private void foreignKey(Schema s, ForeignKey fk) {
    w.open("foreign_key", fk.name() == null ? List.of() : List.of(fk.name()));
    List<String> cols = fk.columns().stream().map(c -> ref(List.of("column", c))).toList();
    w.attr("columns", "[" + String.join(", ", cols) + "]");
    String table = tableRef(fk.refSchema() == null ? s.name() : fk.refSchema(), fk.refTable());
    List<String> refs =
        fk.refColumns().stream().map(c -> table + ref(List.of("", "column", c))).toList();
    w.attr("ref_columns", "[" + String.join(", ", refs) + "]");
    if (fk.onUpdate() != null) {
      w.attr("on_update", fk.onUpdate().replace(' ', '_'));
    }
    if (fk.onDelete() != null) {
      w.attr("on_delete", fk.onDelete().replace(' ', '_'));
    }
    extras("foreign_key", fk.attrs());
    w.close();
  }

  private void index(Index i) {
    Attrs a = i.attrs();
    boolean constraint = spec.name().equals("postgres") && a.flag(PostgresAttrs.CONSTRAINT);
    String path = constraint ? "unique" : "index";
    w.open(path, List.of(i.name()));
    if (i.unique() && !constraint) {
      w.attr("unique", "true");
    }
    if (spec.name().equals("postgres") && a.get(PostgresAttrs.METHOD) != null) {
      w.attr("type", word(a.get(PostgresAttrs.METHOD).toUpperCase(java.util.Locale.ROOT)));
    } else if (spec.name().equals("mysql") && a.get("index_type") != null) {
      w.attr("type", word(a.get("index_type")));
    } else if (spec.name().equals("mysql") && a.get("using") != null) {
      w.attr("type", word(a.get("using")));
    }
    if (i.where() != null) {
      w.attr("where", HclWriter.string(i.where()));
    }
    if (spec.name().equals("postgres")) {
      if (a.get(PostgresAttrs.INCLUDE) != null) {
        List<String> cols =
            java.util.Arrays.stream(a.get(PostgresAttrs.INCLUDE).split(", "))
                .map(c -> ref(List.of("column", unquote(c))))
                .toList();
        w.attr("include", "[" + String.join(", ", cols) + "]");
      }
      if (a.flag(PostgresAttrs.NULLS_NOT_DISTINCT)) {
        w.attr("nulls_distinct", "false");
      }
    }
    extras(path, a);
    parts(i.parts(), "index.on");
    w.close();
  }

  private static String unquote(String ident) {
    return ident.startsWith("\"") && ident.endsWith("\"") && ident.length() > 1
        ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"")
        : ident;
  }

  private static String word(String v) {
    return SqlText.isIdent(v) ? v : HclWriter.string(v);
  }

  /** The {@code partition} (PostgreSQL, MySQL) and {@code row_security} blocks of a table. */
  private void tableBlocks(Table t) {
    if (spec.name().equals("mysql") && t.attrs().get("partition") != null) {
      w.open("partition", List.of());
      w.attr("as", HclWriter.string(t.attrs().get("partition")));
      w.close();
    }
    if (!spec.name().equals("postgres")) {
      return;
    }
    Attrs a = t.attrs();
    if (a.flag(PostgresAttrs.RLS) || a.flag(PostgresAttrs.RLS_FORCE)) {
      w.open("row_security", List.of());
      w.attr("enabled", Boolean.toString(a.flag(PostgresAttrs.RLS)));
      if (a.flag(PostgresAttrs.RLS_FORCE)) {
        w.attr("enforced", "true");
      }
      w.close();
    }
    String by = a.get(PostgresAttrs.PARTITION_BY);
    if (by != null) {
      int open = by.indexOf(" (");
      if (open < 0 || !by.endsWith(")")) {
        throw new StrataException("unexpected partition key " + by);
      }
      w.open("partition", List.of());
      w.attr("type", by.substring(0, open));
      for (String key : splitKeys(by.substring(open + 2, by.length() - 1))) {
        w.open("by", List.of());
        if (key.startsWith("(") && key.endsWith(")")) {
          w.attr("expr", HclWriter.string(key.substring(1, key.length() - 1)));
        } else {
          w.attr("column", ref(List.of("column", unquote(key))));
        }
        w.close();
      }
      w.close();
    }
  }

  /**
   * PostgreSQL has no {@code auto_increment}: a column that owns its sequence is written as Atlas
   * writes it, {@code serial}, {@code bigserial} or {@code smallserial}.
   */
  private static String serial(String type) {
    return switch (type.toLowerCase(java.util.Locale.ROOT)) {
      case "integer", "int", "int4" -> "serial";
      case "bigint", "int8" -> "bigserial";
      case "smallint", "int2" -> "smallserial";
      default -> null;
    };
  }

  /** PostgreSQL's {@code partition_of} and {@code partition_bound} of a partition. */
  private void partitionOf(Table t) {
    String parent = t.attrs().get(PostgresAttrs.PARTITION_OF);
    if (!spec.name().equals("postgres") || parent == null) {
      return;
    }
    List<String> parts = SqlText.splitQualified(parent);
    w.attr("partition_of", tableRef(parts.get(0), parts.get(1)));
    w.attr("partition_bound", HclWriter.string(t.attrs().get(PostgresAttrs.PARTITION_BOUND)));
  }

  /** Splits {@code a, (b * (a % 2))} at top-level commas. */
  private static List<String> splitKeys(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\'') {
        quoted = !quoted;
      } else if (!quoted && ch == '(') {
        depth++;
      } else if (!quoted && ch == ')') {
        depth--;
      } else if (!quoted && depth == 0 && ch == ',') {
        out.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    out.add(s.substring(start).strip());
    return out;
  }

  private void identity(Attrs a) {
    if (!spec.name().equals("postgres") || a.get(PostgresAttrs.IDENTITY) == null) {
      return;
    }
    w.open("identity", List.of());
    w.attr("generated", a.get(PostgresAttrs.IDENTITY).replace(' ', '_'));
    if (a.get(PostgresAttrs.IDENTITY_START) != null) {
      w.attr("start", a.get(PostgresAttrs.IDENTITY_START));
    }
    if (a.get(PostgresAttrs.IDENTITY_INCREMENT) != null) {
      w.attr("increment", a.get(PostgresAttrs.IDENTITY_INCREMENT));
    }
    if (a.get(PostgresAttrs.IDENTITY_MIN) != null) {
      w.attr("min_value", a.get(PostgresAttrs.IDENTITY_MIN));
    }
    if (a.get(PostgresAttrs.IDENTITY_MAX) != null) {
      w.attr("max_value", a.get(PostgresAttrs.IDENTITY_MAX));
    }
    w.close();
  }

  /** A PostgreSQL schema object: enum, domain, sequence, composite, routine, extension. */
  private void object(Schema s, SchemaObject o) {
    w.open(o.kind(), List.of(o.name()));
    w.attr("schema", ref(List.of("schema", s.name())));
    String comment =
        o instanceof SchemaObject.Extension ? null : attrs(o).get(PostgresAttrs.COMMENT);
    if (o instanceof SchemaObject.EnumType e) {
      List<String> values = e.values().stream().map(v -> HclWriter.string(v)).toList();
      w.attr("values", "[" + String.join(", ", values) + "]");
    } else if (o instanceof SchemaObject.DomainType d) {
      w.attr("type", type(s, d.type()));
      if (d.notNull()) {
        w.attr("null", "false");
      }
      if (d.defaultExpr() != null) {
        w.attr("default", literal(d.defaultExpr()));
      }
      if (d.attrs().get(PostgresAttrs.COLLATE) != null) {
        w.attr("collate", HclWriter.string(d.attrs().get(PostgresAttrs.COLLATE)));
      }
      for (Check c : d.checks()) {
        w.open("check", List.of(c.name()));
        w.attr("expr", HclWriter.string(c.expr()));
        extras("domain.check", c.attrs());
        w.close();
      }
    } else if (o instanceof SchemaObject.Sequence q) {
      if (q.type() != null) {
        w.attr("type", type(s, q.type()));
      }
      numberAttr("start", q.start());
      numberAttr("increment", q.increment());
      numberAttr("min_value", q.min());
      numberAttr("max_value", q.max());
      numberAttr("cache", q.cache());
      if (q.cycle()) {
        w.attr("cycle", "true");
      }
      if (q.ownedBy() != null) {
        List<String> parts = splitIdents(q.ownedBy());
        w.attr(
            "owner", tableRef(s.name(), parts.get(0)) + ref(List.of("", "column", parts.get(1))));
      }
    } else if (o instanceof SchemaObject.CompositeType c) {
      for (Column f : c.fields()) {
        w.open("field", List.of(f.name()));
        w.attr("type", type(s, f.type()));
        w.close();
      }
    } else if (o instanceof SchemaObject.Routine r) {
      w.attr("as", w.sql(r.definition()));
    } else if (o instanceof SchemaObject.Extension x) {
      if (x.version() != null) {
        w.attr("version", HclWriter.string(x.version()));
      }
    }
    if (comment != null) {
      w.attr("comment", HclWriter.string(comment));
    }
    w.close();
  }

  private static Attrs attrs(SchemaObject o) {
    if (o instanceof SchemaObject.EnumType e) {
      return e.attrs();
    } else if (o instanceof SchemaObject.DomainType d) {
      return d.attrs();
    } else if (o instanceof SchemaObject.Sequence q) {
      return q.attrs();
    } else if (o instanceof SchemaObject.CompositeType c) {
      return c.attrs();
    } else if (o instanceof SchemaObject.Routine r) {
      return r.attrs();
    }
    return ((SchemaObject.Extension) o).attrs();
  }

  private void numberAttr(String name, Long v) {
    if (v != null) {
      w.attr(name, v.toString());
    }
  }

  /** {@code users.id} or {@code "My T"."id"} as its two unquoted names. */
  private static List<String> splitIdents(String s) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && ch == '.') {
        out.add(unquote(s.substring(start, i)));
        start = i + 1;
      }
    }
    out.add(unquote(s.substring(start)));
    return out;
  }

  private void view(Schema s, View v) {
    if (spec.name().equals("postgres") && v.attrs().flag(PostgresAttrs.MATERIALIZED)) {
      w.open("materialized", labels(s.name(), v.name(), qualifiedViews));
      w.attr("schema", ref(List.of("schema", s.name())));
      if (v.comment() != null) {
        w.attr("comment", HclWriter.string(v.comment()));
      }
      extras("materialized", v.attrs());
      w.attr("as", w.sql(v.definition()));
      String indexes = v.attrs().get(PostgresAttrs.VIEW_INDEXES);
      if (indexes != null) {
        for (String def : indexes.split(";\n")) {
          matviewIndex(def);
        }
      }
      w.close();
      return;
    }
    w.open("view", labels(s.name(), v.name(), qualifiedViews));
    w.attr("schema", ref(List.of("schema", s.name())));
    if (v.comment() != null) {
      w.attr("comment", HclWriter.string(v.comment()));
    }
    extras("view", v.attrs());
    w.attr("as", w.sql(v.definition()));
    w.close();
  }

  /** A policy block; PERMISSIVE, FOR ALL and TO PUBLIC are the defaults and left out. */
  private void policy(Schema s, SchemaObject.Policy p) {
    w.open("policy", List.of(p.policy()));
    w.attr("on", tableRef(s.name(), p.table()));
    if (p.restrictive()) {
      w.attr("as", "RESTRICTIVE");
    }
    if (!p.command().equals("ALL")) {
      w.attr("for", p.command());
    }
    if (!p.roles().equals(List.of("PUBLIC"))) {
      List<String> roles =
          p.roles().stream().map(r -> SqlText.isIdent(r) ? r : HclWriter.string(r)).toList();
      w.attr("to", "[" + String.join(", ", roles) + "]");
    }
    if (p.using() != null) {
      w.attr("using", HclWriter.string(p.using()));
    }
    if (p.check() != null) {
      w.attr("check", HclWriter.string(p.check()));
    }
    if (p.attrs().get(PostgresAttrs.COMMENT) != null) {
      w.attr("comment", HclWriter.string(p.attrs().get(PostgresAttrs.COMMENT)));
    }
    w.close();
  }

  private static final java.util.regex.Pattern MATVIEW_INDEX =
      java.util.regex.Pattern.compile(
          "CREATE (UNIQUE )?INDEX (\\S+) ON \\S+(?: USING (\\w+))? \\((.*)\\)(?: WHERE \\((.*)\\))?",
          java.util.regex.Pattern.DOTALL);

  /**
   * An index of a materialized view: structured when its parts are plain columns or expressions
   * (optionally DESC), else the whole statement in {@code as}.
   */
  private void matviewIndex(String def) {
    java.util.regex.Matcher m = MATVIEW_INDEX.matcher(def.strip());
    List<String[]> parts = new ArrayList<>();
    boolean simple =
        m.matches() && balanced(m.group(4)) && (m.group(5) == null || balanced(m.group(5)));
    if (simple) {
      for (String part : splitTopLevel(m.group(4))) {
        String p = part.strip();
        boolean desc = p.endsWith(" DESC");
        if (desc) {
          p = p.substring(0, p.length() - 5);
        }
        if (p.matches("[a-z_][a-z0-9_$]*")) {
          parts.add(new String[] {"column", p, desc ? "true" : null});
        } else if (p.startsWith("(")
            && p.endsWith(")")
            && balanced(p.substring(1, p.length() - 1))) {
          parts.add(new String[] {"expr", p.substring(1, p.length() - 1), desc ? "true" : null});
        } else if (p.matches("[a-z_][a-z0-9_$]*\\(.*\\)") && balanced(p)) {
          parts.add(new String[] {"expr", p, desc ? "true" : null});
        } else {
          simple = false;
          break;
        }
      }
    }
    String name = m.matches() ? unquote(m.group(2)) : null;
    if (name == null) {
      throw new IllegalStateException("not an index definition: " + def);
    }
    w.open("index", List.of(name));
    if (!simple) {
      w.attr("as", HclWriter.string(def.strip()));
      w.close();
      return;
    }
    if (m.group(1) != null) {
      w.attr("unique", "true");
    }
    if (m.group(3) != null && !m.group(3).equals("btree")) {
      w.attr("type", m.group(3).toUpperCase(java.util.Locale.ROOT));
    }
    if (m.group(5) != null) {
      w.attr("where", HclWriter.string(m.group(5)));
    }
    for (String[] p : parts) {
      w.open("on", List.of());
      w.attr("expr", HclWriter.string(p[1]));
      if (p[2] != null) {
        w.attr("desc", "true");
      }
      w.close();
    }
    w.close();
  }

  private static final java.util.regex.Pattern EXCLUSION =
      java.util.regex.Pattern.compile(
          "EXCLUDE USING (\\w+) \\((.*)\\)(?: WHERE \\((.*)\\))?", java.util.regex.Pattern.DOTALL);

  /**
   * An exclusion constraint as an {@code exclude} block: structured when every element is a column
   * or a parenthesised expression with an operator, else the whole definition in {@code as}.
   */
  private void exclusion(Check c) {
    w.open("exclude", List.of(c.name()));
    java.util.regex.Matcher m = EXCLUSION.matcher(c.expr().strip());
    List<String[]> parts = new ArrayList<>();
    boolean simple =
        m.matches() && balanced(m.group(2)) && (m.group(3) == null || balanced(m.group(3)));
    if (simple) {
      for (String part : splitTopLevel(m.group(2))) {
        String p = part.strip();
        int with = p.lastIndexOf(" WITH ");
        String elem = with < 0 ? "" : p.substring(0, with);
        String op = with < 0 ? "" : p.substring(with + 6);
        if (op.isEmpty() || op.contains(" ")) {
          simple = false;
        } else if (elem.matches("[a-z_][a-z0-9_$]*")) {
          parts.add(new String[] {"column", elem, op});
        } else if (elem.startsWith("(")
            && elem.endsWith(")")
            && balanced(elem.substring(1, elem.length() - 1))) {
          parts.add(new String[] {"expr", elem.substring(1, elem.length() - 1), op});
        } else {
          simple = false;
        }
      }
    }
    if (!simple) {
      w.attr("as", HclWriter.string(c.expr().strip()));
      extras("exclude", c.attrs());
      w.close();
      return;
    }
    if (!m.group(1).equals("gist")) {
      w.attr("type", m.group(1).toUpperCase(java.util.Locale.ROOT));
    }
    if (m.group(3) != null) {
      w.attr("where", HclWriter.string(m.group(3)));
    }
    extras("exclude", c.attrs());
    for (String[] p : parts) {
      w.open("on", List.of());
      if (p[0].equals("column")) {
        w.attr("column", ref(List.of("column", p[1])));
      } else {
        w.attr("expr", HclWriter.string(p[1]));
      }
      w.attr("op", HclWriter.string(p[2]));
      w.close();
    }
    w.close();
  }

  /** Whether parentheses balance and no quote or bracket makes the text hard to split. */
  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      } else if (c == '\'' || c == '"') {
        return false;
      }
    }
    return depth == 0;
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private void trigger(Schema s, Trigger t) {
    w.open("trigger", List.of(t.name()));
    boolean onView = s.view(t.table()).isPresent() && s.table(t.table()).isEmpty();
    List<String> on = new ArrayList<>(List.of(onView ? "view" : "table"));
    on.addAll(labels(s.name(), t.table(), onView ? qualifiedViews : qualifiedTables));
    w.attr("on", ref(on));
    extras("trigger", t.attrs());
    Optional<TriggerSql.Parts> parts =
        TriggerSql.parse(t.definition())
            .filter(p -> p.name().equals(t.name()) && p.table().equals(t.table()))
            .filter(p -> !onView || p.updateOf().isEmpty());
    if (parts.isEmpty()) {
      w.attr("as", w.sql(t.definition()));
      w.close();
      return;
    }
    TriggerSql.Parts p = parts.get();
    if (p.forEach() != null) {
      w.attr("for", p.forEach());
    }
    if (p.when() != null) {
      w.attr("when", HclWriter.string(p.when()));
    }
    w.attr("as", w.sql(p.body()));
    w.open(p.timing().replace(' ', '_').toLowerCase(java.util.Locale.ROOT), List.of());
    for (String e : p.events()) {
      if (e.equals("UPDATE") && !p.updateOf().isEmpty()) {
        List<String> cols = p.updateOf().stream().map(c -> ref(List.of("column", c))).toList();
        w.attr("update_of", "[" + String.join(", ", cols) + "]");
      } else {
        w.attr(e.toLowerCase(java.util.Locale.ROOT), "true");
      }
    }
    w.close();
    w.close();
  }

  private void extras(String path, Attrs attrs) {
    Map<String, String> written = new HashMap<>();
    BlockSpec block = spec.block(path);
    spec.extras(path)
        .forEach(
            (name, kind) -> {
              String v = attrs.get(block.key(name));
              if (v == null || name.equals(Differ.RENAMED_FROM)) {
                return;
              }
              switch (kind) {
                case FLAG -> {
                  if (v.equals("true")) {
                    written.put(name, "true");
                  }
                }
                case BOOL, NUMBER -> written.put(name, v);
                case WORD -> written.put(name, SqlText.isIdent(v) ? v : HclWriter.string(v));
                case STRING -> written.put(name, HclWriter.string(v));
                case SQL -> written.put(name, sql(v));
                default -> throw new IllegalStateException();
              }
            });
    new java.util.TreeMap<>(written).forEach(w::attr);
  }
}
