package dev.strata.dialect.mysql;

import static dev.strata.dialect.mysql.MysqlDdl.quote;

import dev.strata.InputException;
import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.AddTable;
import dev.strata.change.SchemaChange.DropTable;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.TableChange;
import dev.strata.dialect.Planner;
import dev.strata.dialect.mysql.MysqlAlter.Clause;
import dev.strata.dialect.mysql.MysqlAlter.Level;
import dev.strata.model.Check;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.View;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans MySQL changes as non-transactional statements in dependency order: new databases; drops of
 * triggers, views and routines; table renames; new tables (ordered by their foreign keys,
 * references to tables created later deferred to an ALTER); drops of changed foreign keys that
 * reference a primary key the plan changes; one {@code ALTER TABLE} per changed table (ordered by
 * the foreign keys they add) with the online algorithm its clauses allow; table drops (referencing
 * tables first, cycles cut by dropping their foreign keys); deferred foreign keys; views (a view
 * after the views it names); routines and events; triggers; dropped databases. The server (flavour,
 * version) comes from the constructor, else from the {@code server} attribute the inspector records
 * on schemas; unknown servers get no {@code ALGORITHM} clauses.
 */
public final class MysqlPlanner implements Planner {
  private final MysqlServer fixed;

  /** A planner for the given server, or for the server recorded in the realms when null. */
  public MysqlPlanner(MysqlServer server) {
    this.fixed = server;
  }

  @Override
  public Plan plan(List<SchemaChange> changes, Realm from, Realm to) {
    MysqlServer server = fixed != null ? fixed : serverOf(from, to);
    boolean qualify = from.schemas().size() > 1 || to.schemas().size() > 1;
    if (server.mariadb()) {
      refuseNotEnforced(changes, server);
    }
    Builder b = new Builder(server, qualify, changes, from, to);
    b.build();
    return new Plan(changes, b.out, false);
  }

  /**
   * MariaDB has no {@code NOT ENFORCED}: it rejects the clause, and dropping it silently would
   * enforce a check the schema says is not enforced, so a plan that adds one is refused.
   */
  private static void refuseNotEnforced(List<SchemaChange> changes, MysqlServer server) {
    for (SchemaChange c : changes) {
      List<Check> added = new ArrayList<>();
      String table = null;
      if (c instanceof AddTable a) {
        table = a.table().name();
        added.addAll(a.table().checks());
      } else if (c instanceof ModifyTable m) {
        table = m.to().name();
        for (TableChange tc : m.changes()) {
          if (tc instanceof TableChange.AddCheck ac) {
            added.add(ac.check());
          }
        }
      }
      for (Check k : added) {
        if ("false".equals(k.attrs().get("enforced"))) {
          throw new InputException(
              "table "
                  + table
                  + ": check "
                  + (k.name() == null || k.name().isEmpty() ? "(" + k.expr() + ")" : k.name())
                  + " has enforced = false, but "
                  + server.describe()
                  + " does not support CHECK ... NOT ENFORCED (MySQL 8.0.16+ only);"
                  + " remove enforced = false or the check");
        }
      }
    }
  }

  private static MysqlServer serverOf(Realm... realms) {
    for (Realm r : realms) {
      for (Schema s : r.schemas()) {
        MysqlServer v = MysqlServer.fromDescription(s.attrs().get("server"));
        if (v.known()) {
          return v;
        }
      }
    }
    return MysqlServer.UNKNOWN;
  }

  /** One planning run: statements collected phase by phase. */
  private static final class Builder {
    final MysqlServer server;
    final boolean qualify;
    final List<SchemaChange> changes;
    final Realm from;
    final Realm to;
    final List<Statement> out = new ArrayList<>();

    /** Foreign keys ("table key NUL name") already dropped by {@link #releaseKeys}. */
    private final Set<String> released = new HashSet<>();

    Builder(MysqlServer server, boolean qualify, List<SchemaChange> changes, Realm from, Realm to) {
      this.server = server;
      this.qualify = qualify;
      this.changes = changes;
      this.from = from;
      this.to = to;
    }

    String name(String schema, String object) {
      return qualify ? quote(schema) + "." + quote(object) : quote(object);
    }

    void add(String sql, String reverse, String comment) {
      out.add(new Statement(sql, reverse, comment));
    }

    void build() {
      List<AddTable> adds = new ArrayList<>();
      List<ModifyTable> modifies = new ArrayList<>();
      List<DropTable> drops = new ArrayList<>();
      for (SchemaChange c : changes) {
        if (c instanceof SchemaChange.AddSchema a) {
          add(
              "CREATE DATABASE " + quote(a.schema()) + MysqlObjectsDdl.charset(a.definition()),
              "DROP DATABASE " + quote(a.schema()),
              "add database " + a.schema());
        } else if (c instanceof AddTable a) {
          adds.add(a);
        } else if (c instanceof ModifyTable m) {
          modifies.add(m);
        } else if (c instanceof DropTable d) {
          drops.add(d);
        }
      }
      alterDatabases();
      MysqlObjectsDdl objects = new MysqlObjectsDdl(this::name, this::add);
      for (SchemaChange c : MysqlObjectsDdl.eventsFirst(changes, true)) {
        objects.drop(c);
      }
      for (SchemaChange c : changes) {
        if (c instanceof SchemaChange.RenameTable r) {
          String a = name(r.schema(), r.from().name());
          String b = name(r.schema(), r.to().name());
          add(
              "RENAME TABLE " + a + " TO " + b,
              "RENAME TABLE " + b + " TO " + a,
              "rename table " + r.from().name() + " to " + r.to().name());
        }
      }
      Set<String> modified = new HashSet<>();
      modifies.forEach(m -> modified.add(key(m.schema(), m.to().name())));
      List<String[]> deferred = createTables(adds, modified);
      releaseKeys(modifies, drops);
      for (ModifyTable m : MysqlOrder.modifies(modifies)) {
        alter(m);
      }
      dropTables(drops);
      for (String[] fk : deferred) {
        add(fk[0], fk[1], fk[2]);
      }
      List<View> viewOrder = new ArrayList<>();
      for (SchemaChange c : changes) {
        if (c instanceof SchemaChange.AddView a) {
          viewOrder.add(a.view());
        } else if (c instanceof SchemaChange.ModifyView m) {
          viewOrder.add(m.to());
        }
      }
      for (View v : MysqlOrder.views(viewOrder)) {
        for (SchemaChange c : changes) {
          objects.createView(c, v);
        }
      }
      for (SchemaChange c : MysqlObjectsDdl.eventsFirst(changes, false)) {
        objects.create(c);
      }
      for (SchemaChange c : changes) {
        objects.createTrigger(c);
      }
      for (SchemaChange c : changes) {
        if (c instanceof SchemaChange.DropSchema d) {
          add("DROP DATABASE " + quote(d.schema()), null, "drop database " + d.schema());
        }
      }
    }

    private void alterDatabases() {
      for (Schema s : to.schemas()) {
        Schema f = from.schema(s.name()).orElse(null);
        if (f == null) {
          continue;
        }
        String cs = s.attrs().get("charset");
        String co = s.attrs().get("collate");
        String cm = s.attrs().get("comment");
        boolean charset =
            (cs != null && !cs.equals(f.attrs().get("charset")))
                || (co != null && !co.equals(f.attrs().get("collate")));
        boolean comment = cm != null && !cm.equals(f.attrs().get("comment"));
        if (charset || comment) {
          // the reverse restores the old comment, or clears it when there was none
          Schema back =
              f.attrs().get("comment") == null && cm != null
                  ? new Schema(
                      f.name(), List.of(), List.of(), List.of(), f.attrs().with("comment", ""))
                  : f;
          add(
              "ALTER DATABASE " + quote(s.name()) + MysqlObjectsDdl.charset(s),
              "ALTER DATABASE " + quote(s.name()) + MysqlObjectsDdl.charset(back),
              charset
                  ? "change the default charset of database " + s.name()
                  : "change the comment of database " + s.name());
        }
      }
    }

    /** Creates tables; returns the foreign keys to add after the other table changes. */
    private List<String[]> createTables(List<AddTable> adds, Set<String> modified) {
      Set<String> adding = new HashSet<>();
      adds.forEach(a -> adding.add(key(a.schema(), a.table().name())));
      Set<String> created = new HashSet<>();
      List<String[]> deferred = new ArrayList<>();
      for (AddTable a : MysqlOrder.creates(adds)) {
        List<ForeignKey> inline = new ArrayList<>();
        String n = name(a.schema(), a.table().name());
        for (ForeignKey fk : a.table().foreignKeys()) {
          String ref = key(fk.refSchema() == null ? a.schema() : fk.refSchema(), fk.refTable());
          boolean ready =
              ref.equals(key(a.schema(), a.table().name()))
                  || created.contains(ref)
                  || (!adding.contains(ref) && !modified.contains(ref));
          if (ready) {
            inline.add(fk);
          } else {
            deferred.add(
                new String[] {
                  "ALTER TABLE " + n + " ADD " + MysqlDdl.foreignKey(fk),
                  "ALTER TABLE " + n + " DROP FOREIGN KEY " + quote(fk.name()),
                  "add foreign key " + fk.name() + " to " + a.table().name()
                });
          }
        }
        created.add(key(a.schema(), a.table().name()));
        add(
            MysqlDdl.createTable(n, a.table(), inline, server),
            "DROP TABLE " + n,
            "add table " + a.table().name());
      }
      return deferred;
    }

    /**
     * Drops, before any table changes, the foreign keys the plan drops anyway (changed ones, those
     * of dropped tables) that reference a primary key the plan changes: InnoDB refuses to drop a
     * primary key a foreign key still needs, and the referencing table's own ALTER (or DROP) would
     * come too late. One ALTER per referencing table; changed keys are added back by that table's
     * ALTER after the referenced table changed. An unchanged foreign key is left alone: the server
     * accepts a primary key change that still serves it in one ALTER, and one that does not would
     * break the foreign key anyway.
     */
    private void releaseKeys(List<ModifyTable> modifies, List<DropTable> drops) {
      Map<String, ModifyTable> pkChanged = new LinkedHashMap<>();
      for (ModifyTable m : modifies) {
        for (TableChange tc : m.changes()) {
          if (tc instanceof TableChange.ModifyPrimaryKey p && p.from() != null) {
            pkChanged.put(key(m.schema(), m.from().name()), m);
          }
        }
      }
      if (pkChanged.isEmpty()) {
        return;
      }
      Map<String, List<ForeignKey>> early = new LinkedHashMap<>();
      Map<String, String[]> tableOf = new HashMap<>();
      for (ModifyTable m : modifies) {
        String k = key(m.schema(), m.to().name());
        tableOf.put(k, new String[] {m.schema(), m.to().name()});
        for (TableChange tc : m.changes()) {
          if (tc instanceof TableChange.DropForeignKey d) {
            if (pkChanged.containsKey(refKey(m.schema(), d.foreignKey()))) {
              early.computeIfAbsent(k, x -> new ArrayList<>()).add(d.foreignKey());
              released.add(k + "\u0000" + d.foreignKey().name());
            }
          }
        }
      }
      for (DropTable d : drops) {
        String k = key(d.schema(), d.table().name());
        tableOf.put(k, new String[] {d.schema(), d.table().name()});
        for (ForeignKey fk : d.table().foreignKeys()) {
          if (pkChanged.containsKey(refKey(d.schema(), fk))) {
            early.computeIfAbsent(k, x -> new ArrayList<>()).add(fk);
            released.add(k + "\u0000" + fk.name());
          }
        }
      }
      for (Map.Entry<String, List<ForeignKey>> e : early.entrySet()) {
        String[] t = tableOf.get(e.getKey());
        String n = name(t[0], t[1]);
        List<String> fwd = new ArrayList<>();
        List<String> rev = new ArrayList<>();
        for (ForeignKey fk : e.getValue()) {
          fwd.add("DROP FOREIGN KEY " + quote(fk.name()));
          rev.add("ADD " + MysqlDdl.foreignKey(fk));
        }
        add(
            "ALTER TABLE " + n + "\n  " + String.join(",\n  ", fwd),
            "ALTER TABLE " + n + "\n  " + String.join(",\n  ", rev),
            "drop foreign keys of " + t[1] + " that reference a primary key this plan changes");
      }
    }

    private static String refKey(String schema, ForeignKey fk) {
      return key(fk.refSchema() == null ? schema : fk.refSchema(), fk.refTable());
    }

    private void alter(ModifyTable m) {
      Map<String, String> schemaAttrs =
          to.schema(m.schema()).map(s -> s.attrs().values()).orElse(Map.of());
      List<Clause> clauses = new ArrayList<>(new MysqlAlter(server, m, schemaAttrs).clauses());
      String self = key(m.schema(), m.to().name()) + "\u0000";
      clauses.removeIf(
          c ->
              c.sql().startsWith("DROP FOREIGN KEY ")
                  && released.contains(
                      self + unquote(c.sql().substring("DROP FOREIGN KEY ".length()))));
      if (clauses.isEmpty()) {
        return;
      }
      List<Clause> first = new ArrayList<>();
      for (Clause c : List.copyOf(clauses)) {
        if (c.sql().startsWith("DROP FOREIGN KEY ")) {
          String fk = c.sql().substring("DROP FOREIGN KEY ".length());
          boolean readded =
              clauses.stream().anyMatch(x -> x.sql().startsWith("ADD CONSTRAINT " + fk + " "));
          if (readded) {
            clauses.remove(c);
            first.add(c);
            keepIndexOf(m, unquote(fk), clauses);
          }
        }
      }
      if (!first.isEmpty()) {
        emitAlter(m, first);
      }
      if (!clauses.isEmpty()) {
        emitAlter(m, clauses);
      }
    }

    /**
     * A foreign key added again under its old name would take over its index: InnoDB creates an
     * index named after the constraint and removes the one it had made implicitly for the old key
     * (named after the column), so a second plan would rename it back. Re-creating that index
     * explicitly, before the key in the same ALTER (which copies the table anyway), makes the key
     * use it. Only for a plain index on exactly the key's columns that the plan leaves alone.
     */
    private void keepIndexOf(ModifyTable m, String fkName, List<Clause> clauses) {
      ForeignKey fk =
          m.to().foreignKeys().stream()
              .filter(f -> f.name().equalsIgnoreCase(fkName))
              .findFirst()
              .orElse(null);
      if (fk == null) {
        return;
      }
      for (Index i : m.to().indexes()) {
        boolean plain =
            !i.unique()
                && i.where() == null
                && i.attrs().values().isEmpty()
                && i.parts().stream()
                    .allMatch(p -> p.column() != null && p.attrs().values().isEmpty())
                && i.parts().stream().map(IndexPart::column).toList().equals(fk.columns());
        boolean unchanged = m.from().indexes().stream().anyMatch(i::equals);
        String q = quote(i.name());
        boolean touched =
            clauses.stream()
                .anyMatch(c -> c.sql().contains("INDEX " + q + " ") || c.sql().endsWith(" " + q));
        if (plain && unchanged && !touched) {
          int at = 0;
          while (at < clauses.size() && !clauses.get(at).sql().startsWith("ADD CONSTRAINT ")) {
            at++;
          }
          String create = "ADD " + MysqlDdl.index(i, server);
          clauses.add(at, new Clause(create, "DROP INDEX " + q, Level.INPLACE, null));
          clauses.add(at, new Clause("DROP INDEX " + q, create, Level.INPLACE, null));
          return;
        }
      }
    }

    /**
     * Emits one ALTER TABLE. A foreign key dropped and added again under the same name needs its
     * own earlier ALTER: InnoDB refuses both in one statement. The reverse undoes the clauses in
     * the opposite order, except that columns moved back come last and in the current table's
     * order, so that every {@code AFTER} names a column already in place.
     */
    private void emitAlter(ModifyTable m, List<Clause> clauses) {
      Level level = Level.INSTANT;
      String why = null;
      String rebuild = null;
      List<String> fwd = new ArrayList<>();
      List<String> rev = new ArrayList<>();
      List<Clause> moveBack = new ArrayList<>();
      boolean reversible = true;
      for (Clause c : clauses) {
        fwd.add(c.sql());
        if (c.reverse() == null) {
          reversible = false;
        } else if (c.reversePosition() >= 0) {
          moveBack.add(c);
        } else {
          rev.add(0, c.reverse());
        }
        if (c.level().compareTo(level) > 0) {
          level = c.level();
        }
        if (c.level() == Level.COPY && why == null) {
          why = c.why();
        }
        if (c.level() == Level.INPLACE && c.why() != null && rebuild == null) {
          rebuild = c.why();
        }
      }
      moveBack.sort(java.util.Comparator.comparingInt(Clause::reversePosition));
      moveBack.forEach(c -> rev.add(c.reverse()));
      String engine = m.from().attrs().get("engine");
      boolean innodb = engine == null || engine.equalsIgnoreCase("InnoDB");
      String suffix = "";
      if (server.known() && innodb && level == Level.INSTANT && server.instantDdl()) {
        suffix = ",\n  ALGORITHM=INSTANT";
      } else if (server.known() && innodb && level != Level.COPY) {
        suffix = ",\n  ALGORITHM=INPLACE, LOCK=NONE";
      }
      String n = name(m.schema(), m.to().name());
      String comment = "modify table " + m.to().name();
      if (level == Level.COPY) {
        comment += " (copies the table: " + Objects.requireNonNullElse(why, "rebuild") + ")";
      } else if (level == Level.INPLACE && rebuild != null) {
        comment += " (copies the table online, writes continue: " + rebuild + ")";
      }
      add(
          "ALTER TABLE " + n + "\n  " + String.join(",\n  ", fwd) + suffix,
          reversible ? "ALTER TABLE " + n + "\n  " + String.join(",\n  ", rev) : null,
          comment);
    }

    private void dropTables(List<DropTable> drops) {
      MysqlOrder.Drops order = MysqlOrder.drops(drops);
      for (DropTable d : order.cutFrom()) {
        for (ForeignKey fk : d.table().foreignKeys()) {
          if (released.contains(key(d.schema(), d.table().name()) + "\u0000" + fk.name())) {
            continue;
          }
          add(
              "ALTER TABLE "
                  + name(d.schema(), d.table().name())
                  + " DROP FOREIGN KEY "
                  + quote(fk.name()),
              null,
              "drop foreign key " + fk.name() + " of a dropped table");
        }
      }
      for (DropTable d : order.order()) {
        add(
            "DROP TABLE " + name(d.schema(), d.table().name()),
            null,
            "drop table " + d.table().name());
      }
    }
  }

  private static String unquote(String quoted) {
    return quoted.startsWith("`") && quoted.endsWith("`")
        ? quoted.substring(1, quoted.length() - 1).replace("``", "`")
        : quoted;
  }

  static String key(String schema, String table) {
    return schema + "\u0000" + table;
  }

  /** Whether a change list touches anything the planner cannot express for MySQL. */
  static void unsupported(SchemaObject o) {
    throw new InputException("mysql has no " + o.kind() + " objects (" + o.name() + ")");
  }
}
