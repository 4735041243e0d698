package dev.strata.dialect.sqlite;

import static dev.strata.dialect.sqlite.SqliteSql.ident;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.AddTable;
import dev.strata.change.SchemaChange.AddTrigger;
import dev.strata.change.SchemaChange.AddView;
import dev.strata.change.SchemaChange.DropTable;
import dev.strata.change.SchemaChange.DropTrigger;
import dev.strata.change.SchemaChange.DropView;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.SchemaChange.ModifyTrigger;
import dev.strata.change.SchemaChange.ModifyView;
import dev.strata.change.SchemaChange.RenameTable;
import dev.strata.change.TableChange;
import dev.strata.dialect.Planner;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns changes into SQLite statements, in dependency order.
 *
 * <p>Order: (1) drop triggers that are dropped, modified, or depend on a table that is dropped,
 * renamed, rebuilt or loses a column; (2) drop views in the same situation, dependents first, since
 * SQLite's {@code ALTER TABLE} re-validates every view and trigger; (3) drop tables, children first
 * by foreign key; (4) rename tables; (5) create tables, parents first; (6) alter or rebuild tables
 * ({@link SqliteTableRebuild}); (7) create views, dependencies first; (8) create triggers. The
 * triggers and views dropped in (1)–(2) that still exist in the target are recreated from it.
 * Dependencies of views and triggers are found by tokenizing their text for names.
 *
 * <p>SQLite declares foreign keys inline and does not check the referenced table when creating a
 * table, so a cycle of foreign keys needs no detachment: the topological order is only a courtesy
 * and a cycle is cut at an arbitrary table. Rebuilds run with enforcement off ({@link
 * SqliteDialect#beforeApply}).
 */
public final class SqlitePlanner implements Planner {
  /** View attribute: the verbatim column list of {@code CREATE VIEW v (a, b) AS ...}. */
  public static final String VIEW_COLUMNS = "columns";

  @Override
  public Plan plan(List<SchemaChange> changes, Realm from, Realm to) {
    Schema src = main(from);
    Schema dst = main(to);
    Set<String> touched = new HashSet<>();
    Set<String> viewsOut = new HashSet<>();
    Set<String> triggersOut = new HashSet<>();
    Map<String, View> viewsIn = new LinkedHashMap<>();
    Map<String, Trigger> triggersIn = new LinkedHashMap<>();
    List<Table> dropTables = new ArrayList<>();
    List<Table> addTables = new ArrayList<>();
    List<RenameTable> renames = new ArrayList<>();
    List<ModifyTable> modifies = new ArrayList<>();
    for (SchemaChange c : changes) {
      if (c instanceof AddTable a) {
        addTables.add(a.table());
      } else if (c instanceof DropTable d) {
        dropTables.add(d.table());
        touched.add(key(d.table().name()));
      } else if (c instanceof RenameTable r) {
        renames.add(r);
        touched.add(key(r.from().name()));
      } else if (c instanceof ModifyTable m) {
        modifies.add(m);
        if (SqliteTableRebuild.needsRebuild(m) || dropsOrRenamesColumns(m)) {
          touched.add(key(m.from().name()));
          touched.add(key(m.to().name()));
        }
      } else if (c instanceof AddView a) {
        viewsIn.put(key(a.view().name()), a.view());
      } else if (c instanceof DropView d) {
        viewsOut.add(key(d.view().name()));
      } else if (c instanceof ModifyView m) {
        viewsOut.add(key(m.from().name()));
        viewsIn.put(key(m.to().name()), m.to());
      } else if (c instanceof AddTrigger a) {
        triggersIn.put(key(a.trigger().name()), a.trigger());
      } else if (c instanceof DropTrigger d) {
        triggersOut.add(key(d.trigger().name()));
      } else if (c instanceof ModifyTrigger m) {
        triggersOut.add(key(m.from().name()));
        triggersIn.put(key(m.to().name()), m.to());
      }
    }
    // Views over touched tables or over views that go away must go too (transitively).
    boolean grew = true;
    while (grew) {
      grew = false;
      for (View v : src.views()) {
        Set<String> refs = SqliteDdlParser.referencedNames(v.definition());
        if (!viewsOut.contains(key(v.name()))
            && (intersects(refs, touched) || intersects(refs, viewsOut))) {
          grew = viewsOut.add(key(v.name()));
        }
      }
    }
    for (Trigger t : src.triggers()) {
      Set<String> refs = SqliteDdlParser.referencedNames(t.definition());
      if (intersects(refs, touched) || intersects(refs, viewsOut)) {
        triggersOut.add(key(t.name()));
      }
    }
    recreate(src.views(), dst.views(), viewsOut, viewsIn, View::name);
    recreate(src.triggers(), dst.triggers(), triggersOut, triggersIn, Trigger::name);

    List<Statement> out = new ArrayList<>();
    for (Trigger t : src.triggers()) {
      if (triggersOut.contains(key(t.name()))) {
        out.add(
            new Statement(
                "DROP TRIGGER " + ident(t.name()), t.definition(), "drop trigger " + t.name()));
      }
    }
    List<View> srcViews = viewOrder(src.views());
    for (int i = srcViews.size() - 1; i >= 0; i--) {
      View v = srcViews.get(i);
      if (viewsOut.contains(key(v.name()))) {
        out.add(
            new Statement("DROP VIEW " + ident(v.name()), createView(v), "drop view " + v.name()));
      }
    }
    List<Table> drops = tableOrder(dropTables);
    for (int i = drops.size() - 1; i >= 0; i--) {
      Table t = drops.get(i);
      for (Index x : t.indexes()) {
        if (!SqliteTableRebuild.isConstraint(x)) {
          out.add(SqliteTableRebuild.dropIndex(x, t.name()));
        }
      }
      out.add(
          new Statement(
              SqliteSql.dropTable(t.name()),
              SqliteSql.createTable(t, t.name()),
              "drop table " + t.name()));
    }
    for (RenameTable r : renames) {
      out.add(
          new Statement(
              SqliteSql.renameTable(r.from().name(), r.to().name()),
              SqliteSql.renameTable(r.to().name(), r.from().name()),
              "rename table " + r.from().name() + " to " + r.to().name()));
    }
    for (Table t : tableOrder(addTables)) {
      out.add(
          new Statement(
              SqliteSql.createTable(t, t.name()),
              SqliteSql.dropTable(t.name()),
              "create table " + t.name()));
      for (Index x : t.indexes()) {
        if (!SqliteTableRebuild.isConstraint(x)) {
          out.add(SqliteTableRebuild.createIndex(x, t.name()));
        }
      }
    }
    Map<String, ModifyTable> byName = new LinkedHashMap<>();
    modifies.forEach(m -> byName.put(key(m.to().name()), m));
    for (Table t : tableOrder(modifies.stream().map(ModifyTable::to).toList())) {
      out.addAll(SqliteTableRebuild.plan(byName.get(key(t.name()))));
    }
    List<View> created = viewOrder(new ArrayList<>(viewsIn.values()));
    for (View v : created) {
      out.add(
          new Statement(createView(v), "DROP VIEW " + ident(v.name()), "create view " + v.name()));
    }
    for (Trigger t : triggersIn.values()) {
      out.add(
          new Statement(
              t.definition(), "DROP TRIGGER " + ident(t.name()), "create trigger " + t.name()));
    }
    return new Plan(changes, out, true);
  }

  static String createView(View v) {
    String cols = v.attrs().get(VIEW_COLUMNS);
    return "CREATE VIEW "
        + ident(v.name())
        + (cols == null ? "" : " (" + cols + ")")
        + " AS "
        + v.definition();
  }

  /** Whether a table keeps its definition but loses or renames columns views may mention. */
  private static boolean dropsOrRenamesColumns(ModifyTable m) {
    return m.changes().stream()
        .anyMatch(
            c -> c instanceof TableChange.DropColumn || c instanceof TableChange.RenameColumn);
  }

  /** Adds to {@code in} the objects taken out for a dependency that the target still has. */
  private static <T> void recreate(
      List<T> src, List<T> dst, Set<String> out, Map<String, T> in, Function<T, String> name) {
    Set<String> srcNames = new HashSet<>();
    src.forEach(o -> srcNames.add(key(name.apply(o))));
    for (T o : dst) {
      String k = key(name.apply(o));
      if (out.contains(k) && srcNames.contains(k) && !in.containsKey(k)) {
        in.put(k, o);
      }
    }
  }

  /** Tables ordered parents first by foreign keys (ties and cycles by name). */
  static List<Table> tableOrder(Collection<Table> tables) {
    return topo(
        tables,
        Table::name,
        t -> {
          Set<String> deps = new HashSet<>();
          for (ForeignKey fk : t.foreignKeys()) {
            deps.add(key(fk.refTable()));
          }
          return deps;
        });
  }

  /** Views ordered so that a view comes after the views it selects from. */
  static List<View> viewOrder(Collection<View> views) {
    return topo(views, View::name, v -> SqliteDdlParser.referencedNames(v.definition()));
  }

  /**
   * Depth-first topological sort: items visited in name order, each after the items whose
   * (lower-case) names are among its dependencies; an item already on the path is skipped, which
   * cuts cycles.
   */
  private static <T> List<T> topo(
      Collection<T> items, Function<T, String> name, Function<T, Set<String>> deps) {
    Map<String, T> byName = new java.util.TreeMap<>();
    items.forEach(i -> byName.put(key(name.apply(i)), i));
    List<T> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String k : byName.keySet()) {
      visit(k, byName, deps, seen, out);
    }
    return out;
  }

  private static <T> void visit(
      String k,
      Map<String, T> byName,
      Function<T, Set<String>> deps,
      Set<String> seen,
      List<T> out) {
    if (!seen.add(k)) {
      return;
    }
    T item = byName.get(k);
    for (String d : new java.util.TreeSet<>(deps.apply(item))) {
      if (byName.containsKey(d)) {
        visit(d, byName, deps, seen, out);
      }
    }
    out.add(item);
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String s : a) {
      if (b.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static Schema main(Realm r) {
    if (r == null || r.schemas().isEmpty()) {
      return new Schema("main", List.of());
    }
    return r.schema("main").orElse(r.schemas().get(0));
  }

  static String key(String name) {
    return SqliteDdlParser.lower(name);
  }
}
