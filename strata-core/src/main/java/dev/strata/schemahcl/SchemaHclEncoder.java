package dev.strata.schemahcl;

import dev.strata.StrataException;
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
      s.tables().forEach(t -> blocks.add(() -> table(s, t)));
    }
    for (Schema s : realm.schemas()) {
      s.views().forEach(v -> blocks.add(() -> view(s, v)));
    }
    for (Schema s : realm.schemas()) {
      s.triggers().forEach(t -> blocks.add(() -> trigger(s, t)));
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
    t.columns().forEach(this::column);
    if (t.primaryKey() != null) {
      PrimaryKey pk = t.primaryKey();
      w.open("primary_key", pk.name() == null ? List.of() : List.of(pk.name()));
      parts(pk.parts(), "primary_key.on");
      w.close();
    }
    for (Index i : t.indexes()) {
      w.open("index", List.of(i.name()));
      if (i.unique()) {
        w.attr("unique", "true");
      }
      if (i.where() != null) {
        w.attr("where", HclWriter.string(i.where()));
      }
      extras("index", i.attrs());
      parts(i.parts(), "index.on");
      w.close();
    }
    t.foreignKeys().forEach(fk -> foreignKey(s, fk));
    for (Check c : t.checks()) {
      w.open("check", c.name() == null ? List.of() : List.of(c.name()));
      w.attr("expr", HclWriter.string(c.expr()));
      extras("check", c.attrs());
      w.close();
    }
    w.close();
  }

  private void column(Column c) {
    w.open("column", List.of(c.name()));
    if (c.nullable()) {
      w.attr("null", "true");
    }
    w.attr("type", SqlText.isBareType(c.type()) ? c.type() : sql(c.type()));
    if (c.defaultExpr() != null) {
      w.attr("default", literal(c.defaultExpr()));
    }
    if (c.autoIncrement()) {
      w.attr("auto_increment", "true");
    }
    if (c.collation() != null) {
      w.attr("collate", HclWriter.string(c.collation()));
    }
    if (c.comment() != null) {
      w.attr("comment", HclWriter.string(c.comment()));
    }
    extras("column", c.attrs());
    if (c.generated() != null) {
      w.open("as", List.of());
      w.attr("expr", HclWriter.string(c.generated().expr()));
      w.attr("type", c.generated().kind());
      w.close();
    }
    w.close();
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

  private void view(Schema s, View v) {
    w.open("view", labels(s.name(), v.name(), qualifiedViews));
    w.attr("schema", ref(List.of("schema", s.name())));
    if (v.comment() != null) {
      w.attr("comment", HclWriter.string(v.comment()));
    }
    extras("view", v.attrs());
    w.attr("as", w.sql(v.definition()));
    w.close();
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
    spec.extras(path)
        .forEach(
            (name, kind) -> {
              String v = attrs.get(name);
              if (v == null) {
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
