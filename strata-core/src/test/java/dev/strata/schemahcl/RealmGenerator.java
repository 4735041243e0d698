package dev.strata.schemahcl;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random realms of the kind the decoder produces (names unique where the decoder requires it, SQL
 * texts non-empty without trailing whitespace, references that resolve), with awkward names, types,
 * defaults and texts mixed in, for property-style round-trip tests.
 */
final class RealmGenerator {
  private static final List<String> NAMES =
      List.of("users", "t", "my table", "true", "x-y", "123", "a\"b", "ünï", "id", "name");
  private static final List<String> TYPES =
      List.of(
          "integer",
          "varchar(255)",
          "decimal(10,2)",
          "int unsigned",
          "TEXT",
          "true",
          "sql(1)",
          "decimal(10, 2)",
          "enum('a','b')",
          "a\"b",
          "");
  private static final List<String> DEFAULTS =
      List.of(
          "'abc'",
          "'it''s'",
          "''",
          "0",
          "-1",
          "1.50",
          "true",
          "false",
          "TRUE",
          "CURRENT_TIMESTAMP",
          "(datetime('now'))",
          "'${x} %{y}'",
          "'multi\nline'",
          "1e5",
          "00",
          "'a'||'b'",
          "'\\'",
          "-0.0");
  private static final List<String> SQL =
      List.of(
          "a > 0",
          "lower(name)",
          "x || '${y}'",
          "\"quoted\" = 1",
          "SELECT 1\nFROM t",
          "SELECT a,\n  b\nFROM t\n\nWHERE c",
          "  indented\n  both",
          "SQL\nSQL",
          "tab\n\tbed",
          "back\\slash",
          "line\r\nbreak");
  private static final List<String> WORDS = List.of("InnoDB", "BTREE", "x y", "true");

  private final Random rnd;
  private final DialectSpec spec;

  RealmGenerator(long seed, String dialect) {
    this.rnd = new Random(seed);
    this.spec = DialectSpec.of(dialect);
  }

  private <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private boolean coin() {
    return rnd.nextBoolean();
  }

  private String maybe(String s) {
    return rnd.nextInt(3) == 0 ? s : null;
  }

  private String text() {
    return pick(SQL);
  }

  /** Extras allowed by the dialect for a block, with random values of their kind. */
  private Attrs extras(String path) {
    Map<String, String> m = new HashMap<>();
    spec.extras(path)
        .forEach(
            (hclName, kind) -> {
              // renamed_from is input only: the encoder never writes it
              if (coin() || hclName.equals(dev.strata.diff.Differ.RENAMED_FROM)) {
                return;
              }
              String name = spec.block(path).key(hclName);
              switch (kind) {
                case FLAG -> m.put(name, "true");
                case BOOL -> m.put(name, Boolean.toString(coin()));
                case WORD -> m.put(name, pick(WORDS));
                case STRING -> m.put(name, pick(NAMES) + "\n" + pick(SQL));
                case NUMBER -> m.put(name, pick(List.of("1", "42", "-3", "2.50")));
                case SQL -> m.put(name, pick(DEFAULTS));
                default -> throw new IllegalStateException();
              }
            });
    return new Attrs(m);
  }

  Realm realm() {
    List<String> schemaNames =
        new ArrayList<>(
            new LinkedHashSet<>(
                List.of(pick(NAMES), pick(NAMES), pick(NAMES)).subList(0, 1 + rnd.nextInt(3))));
    Map<String, List<Table>> tables = new HashMap<>();
    for (String s : schemaNames) {
      List<Table> list = new ArrayList<>();
      Set<String> used = new LinkedHashSet<>();
      for (int i = rnd.nextInt(4); i > 0; i--) {
        String name = pick(NAMES);
        if (used.add(name)) {
          list.add(table(name));
        }
      }
      tables.put(s, list);
    }
    List<Schema> schemas = new ArrayList<>();
    for (String s : schemaNames) {
      List<Table> list = new ArrayList<>();
      for (Table t : tables.get(s)) {
        list.add(withForeignKeys(t, s, tables));
      }
      List<View> views = new ArrayList<>();
      for (String name : List.of("v1", "my view", "users")) {
        if (coin() && list.stream().noneMatch(t -> t.name().equals(name))) {
          views.add(new View(name, text(), maybe("a view"), Attrs.EMPTY));
        }
      }
      schemas.add(new Schema(s, list, views, triggers(list, views), extras("schema")));
    }
    return new Realm(schemas);
  }

  private Table table(String name) {
    List<Column> cols = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
      String c = pick(NAMES);
      if (used.add(c)) {
        cols.add(column(c));
      }
    }
    List<String> names = new ArrayList<>(used);
    PrimaryKey pk = null;
    if (coin()) {
      List<IndexPart> parts = new ArrayList<>();
      for (String c : names.subList(0, 1 + rnd.nextInt(names.size()))) {
        parts.add(new IndexPart(c, null, rnd.nextInt(4) == 0, extras("primary_key.on")));
      }
      pk = new PrimaryKey(maybe("pk"), parts);
    }
    List<Index> indexes = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      List<IndexPart> parts = new ArrayList<>();
      for (int j = 1 + rnd.nextInt(2); j > 0; j--) {
        boolean expr = rnd.nextInt(3) == 0;
        parts.add(
            new IndexPart(
                expr ? null : pick(names),
                expr ? text() : null,
                rnd.nextInt(3) == 0,
                extras("index.on")));
      }
      indexes.add(new Index("idx" + i, coin(), parts, maybe(text()), extras("index")));
    }
    List<Check> checks = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      checks.add(new Check(maybe("chk" + i), text(), extras("check")));
    }
    return new Table(name, cols, pk, indexes, List.of(), checks, maybe(pick(SQL)), extras("table"));
  }

  private Column column(String name) {
    boolean autoInc = spec.block("column").attributes().contains("auto_increment") && coin();
    Column.Generated gen =
        rnd.nextInt(4) == 0
            ? new Column.Generated(text(), pick(List.of("STORED", "VIRTUAL")))
            : null;
    return new Column(
        name,
        pick(TYPES),
        coin(),
        maybe(pick(DEFAULTS)),
        autoInc,
        gen,
        maybe("NOCASE"),
        maybe(pick(SQL)),
        extras("column"));
  }

  private Table withForeignKeys(Table t, String schema, Map<String, List<Table>> all) {
    List<ForeignKey> fks = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      String refSchema = pick(new ArrayList<>(all.keySet()));
      if (all.get(refSchema).isEmpty()) {
        continue;
      }
      Table ref = pick(all.get(refSchema));
      int n = 1 + rnd.nextInt(Math.min(t.columns().size(), ref.columns().size()));
      List<String> cols = t.columns().subList(0, n).stream().map(Column::name).toList();
      List<String> refCols = ref.columns().subList(0, n).stream().map(Column::name).toList();
      List<String> actions = List.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT");
      fks.add(
          new ForeignKey(
              maybe("fk" + i),
              cols,
              refSchema.equals(schema) ? null : refSchema,
              ref.name(),
              refCols,
              maybe(pick(actions)),
              maybe(pick(actions)),
              Attrs.EMPTY));
    }
    return new Table(
        t.name(),
        t.columns(),
        t.primaryKey(),
        t.indexes(),
        fks,
        t.checks(),
        t.comment(),
        t.attrs());
  }

  private List<Trigger> triggers(List<Table> tables, List<View> views) {
    List<Trigger> out = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    tables.forEach(t -> targets.add(t.name()));
    views.forEach(v -> targets.add(v.name()));
    for (int i = targets.isEmpty() ? 0 : rnd.nextInt(3); i > 0; i--) {
      String name = pick(List.of("trg" + i, "odd \"" + i + "\""));
      String target = pick(targets);
      Table table = tables.stream().filter(t -> t.name().equals(target)).findFirst().orElse(null);
      String definition;
      if (rnd.nextInt(4) == 0) {
        definition = "CREATE TRIGGER " + name + " " + text();
      } else {
        List<String> events = new ArrayList<>(List.of(pick(List.of("INSERT", "UPDATE", "DELETE"))));
        if (!spec.name().equals("sqlite") && coin() && !events.contains("DELETE")) {
          events.add("DELETE");
        }
        List<String> updateOf =
            events.contains("UPDATE") && table != null && coin()
                ? List.of(table.columns().get(0).name())
                : List.of();
        String body = pick(List.of("BEGIN\n  SELECT 1;\nEND", "BEGIN SELECT 2; END", text()));
        definition =
            TriggerSql.compose(
                new TriggerSql.Parts(
                    name,
                    pick(List.of("BEFORE", "AFTER", "INSTEAD OF")),
                    events,
                    updateOf,
                    target,
                    pick(java.util.Arrays.asList("ROW", "STATEMENT", null)),
                    maybe("NEW.x > 0"),
                    body.strip().isEmpty() ? "x" : body.stripTrailing()));
      }
      if (out.stream().noneMatch(t -> t.name().equals(name))) {
        out.add(new Trigger(name, target, definition, extras("trigger")));
      }
    }
    return out;
  }
}
