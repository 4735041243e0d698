package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.StrataException;
import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.AddObject;
import dev.strata.change.SchemaChange.AddTable;
import dev.strata.change.SchemaChange.DropObject;
import dev.strata.change.SchemaChange.DropTable;
import dev.strata.change.SchemaChange.ModifyObject;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.SchemaChange.RenameTable;
import dev.strata.dialect.PlanOptions;
import dev.strata.dialect.Planner;
import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.model.ForeignKey;
import dev.strata.model.Realm;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans PostgreSQL migrations. Algorithm: every change is rendered into one of the ordered phases
 * of {@link PostgresSteps} — drops of dependents first (triggers, views, foreign keys, constraints,
 * tables), then schemas, extensions, types, sequences, tables in foreign-key order (a foreign key
 * to a table created later, or in a cycle, is added after all tables), table alterations, new
 * foreign keys, views and routines in dependency order, triggers, row-level security policies
 * ({@link PostgresPolicyPlanner}, dropped before anything else), and finally drops of routines,
 * sequences, types, extensions and schemas. Views over a table whose columns change are dropped and
 * re-created around the change ({@link PostgresViewPlanner}). Enum values are added with {@code
 * ALTER TYPE ... ADD VALUE} outside the transaction ({@link PostgresTypePlanner}). With {@link
 * PlanOptions#concurrentIndexCreate()} / {@link PlanOptions#concurrentIndexDrop()}, indexes of
 * existing tables are built and dropped {@code CONCURRENTLY} in two phases after everything else,
 * each statement outside the transaction; indexes of tables created by the plan stay plain.
 */
final class PostgresPlanner implements Planner {
  private final PostgresDiffHooks hooks;

  PostgresPlanner(PostgresDiffHooks hooks) {
    this.hooks = hooks;
  }

  @Override
  public dev.strata.plan.Plan plan(List<SchemaChange> diff, Realm from, Realm to) {
    return plan(diff, from, to, PlanOptions.DEFAULT);
  }

  @Override
  public dev.strata.plan.Plan plan(
      List<SchemaChange> diff, Realm from, Realm to, PlanOptions options) {
    List<SchemaChange> changes = objectsInDependencyOrder(diff);
    PostgresSteps steps = new PostgresSteps();
    PostgresAlterSql alter = new PostgresAlterSql(steps, options);
    Set<SchemaObject> early = new HashSet<>();
    for (SchemaChange c : changes) {
      if (c instanceof AddObject a && isEarly(a.object(), changes)) {
        early.add(a.object());
      }
    }
    PostgresTypePlanner types = new PostgresTypePlanner(steps, hooks, from);
    new PostgresViewPlanner(steps, from, to, early).plan(changes);
    new PostgresPolicyPlanner(steps, from).plan(changes);
    List<AddTable> added = new ArrayList<>();
    List<DropTable> dropped = new ArrayList<>();
    for (SchemaChange c : changes) {
      if (c instanceof SchemaChange.AddSchema a) {
        steps.add(
            Phase.SCHEMAS,
            "CREATE SCHEMA " + ident(a.schema()),
            "DROP SCHEMA " + ident(a.schema()),
            "add schema " + a.schema());
        String comment = a.definition().attrs().get(PostgresAttrs.COMMENT);
        if (comment != null) {
          steps.add(
              Phase.SCHEMAS,
              schemaComment(a.schema(), comment),
              null,
              "comment on schema " + a.schema());
        }
      } else if (c instanceof SchemaChange.ModifySchemaComment m) {
        steps.add(
            Phase.SCHEMAS,
            schemaComment(m.schema(), m.to()),
            schemaComment(m.schema(), m.from()),
            "comment on schema " + m.schema());
      } else if (c instanceof SchemaChange.DropSchema d) {
        String kept = d.definition().attrs().get(PostgresAttrs.HOLDS_EXCLUDED);
        if (kept != null) {
          throw new StrataException(
              "postgres: the desired state drops schema "
                  + d.schema()
                  + ", but it holds objects left out by --exclude (e.g. "
                  + kept
                  + ") that DROP SCHEMA ... CASCADE would drop too. Exclude the whole schema"
                  + " (--exclude "
                  + d.schema()
                  + ") to leave it alone, or stop excluding its objects to drop them knowingly.");
        }
        steps.add(
            Phase.DROP_SCHEMAS,
            "DROP SCHEMA " + ident(d.schema()) + " CASCADE",
            "CREATE SCHEMA " + ident(d.schema()),
            "drop schema " + d.schema());
      } else if (c instanceof AddTable a) {
        added.add(a);
      } else if (c instanceof DropTable d) {
        dropped.add(d);
      } else if (c instanceof RenameTable r) {
        steps.add(
            Phase.RENAME_TABLES,
            "ALTER TABLE "
                + qualified(r.schema(), r.from().name())
                + " RENAME TO "
                + ident(r.to().name()),
            "ALTER TABLE "
                + qualified(r.schema(), r.to().name())
                + " RENAME TO "
                + ident(r.from().name()),
            "rename table " + r.from().name() + " to " + r.to().name());
      } else if (c instanceof ModifyTable m) {
        alter.modify(m);
      } else if (c instanceof AddObject a && a.object() instanceof SchemaObject.Policy) {
        continue; // PostgresPolicyPlanner
      } else if (c instanceof DropObject d && d.object() instanceof SchemaObject.Policy) {
        continue;
      } else if (c instanceof ModifyObject m && m.to() instanceof SchemaObject.Policy) {
        continue;
      } else if (c instanceof AddObject a) {
        types.add(a.schema(), a.object(), early.contains(a.object()));
      } else if (c instanceof DropObject d) {
        types.drop(d.schema(), d.object());
      } else if (c instanceof ModifyObject m) {
        types.modify(m.schema(), m.from(), m.to());
      }
    }
    createTables(steps, alter, added);
    dropTables(steps, dropped);
    new PostgresKeyDependents(steps, from, to).plan(changes);
    return new dev.strata.plan.Plan(diff, steps.all(), true);
  }

  private static String schemaComment(String schema, String comment) {
    return "COMMENT ON SCHEMA " + ident(schema) + " IS " + PostgresTableSql.commentText(comment);
  }

  /**
   * The changes with added objects sorted so that a type follows the types it is built on, and
   * dropped objects in the reverse order.
   */
  private static List<SchemaChange> objectsInDependencyOrder(List<SchemaChange> changes) {
    List<AddObject> adds = new ArrayList<>();
    changes.forEach(
        c -> {
          if (c instanceof AddObject a) {
            adds.add(a);
          }
        });
    List<AddObject> sorted =
        PostgresOrder.sort(
            adds,
            (a, b) ->
                a != b
                    && !(b.object() instanceof SchemaObject.Routine)
                    && PostgresSql.mentions(
                        PostgresObjectSql.create(a.schema(), a.object()), b.object().name()));
    List<DropObject> drops = new ArrayList<>();
    changes.forEach(
        c -> {
          if (c instanceof DropObject d) {
            drops.add(d);
          }
        });
    List<DropObject> dropOrder =
        PostgresOrder.reverseSort(
            drops,
            (a, b) ->
                a != b
                    && !(b.object() instanceof SchemaObject.Routine)
                    && PostgresSql.mentions(
                        PostgresObjectSql.create(a.schema(), a.object()), b.object().name()));
    List<SchemaChange> out = new ArrayList<>();
    int next = 0;
    int nextDrop = 0;
    for (SchemaChange c : changes) {
      out.add(
          c instanceof AddObject
              ? sorted.get(next++)
              : c instanceof DropObject ? dropOrder.get(nextDrop++) : c);
    }
    return out;
  }

  /** A routine that new or changed tables mention in defaults, checks or indexes comes first. */
  private static boolean isEarly(SchemaObject o, List<SchemaChange> changes) {
    if (!(o instanceof SchemaObject.Routine r)) {
      return false;
    }
    String name = PostgresObjectSql.routineName(r);
    for (SchemaChange c : changes) {
      Table t = c instanceof AddTable a ? a.table() : c instanceof ModifyTable m ? m.to() : null;
      if (t != null && PostgresSql.mentions(tableExpressions(t), name)) {
        return true;
      }
    }
    return false;
  }

  private static String tableExpressions(Table t) {
    StringBuilder sb = new StringBuilder();
    t.columns()
        .forEach(
            c ->
                sb.append(c.defaultExpr())
                    .append(' ')
                    .append(c.generated() == null ? "" : c.generated().expr())
                    .append(' '));
    t.checks().forEach(c -> sb.append(c.expr()).append(' '));
    t.indexes()
        .forEach(
            i -> {
              sb.append(i.where()).append(' ');
              i.parts().forEach(p -> sb.append(p.expr()).append(' '));
            });
    return sb.toString();
  }

  private static String key(String schema, String table) {
    return schema + "\u0000" + table;
  }

  private static String refKey(String schema, ForeignKey fk) {
    return key(fk.refSchema() == null ? schema : fk.refSchema(), fk.refTable());
  }

  private static boolean dependsOn(AddTable a, AddTable b) {
    String bk = key(b.schema(), b.table().name());
    if (a == b) {
      return false;
    }
    String parent = a.table().attrs().get(PostgresAttrs.PARTITION_OF);
    if (parent != null && parent.equals(qualified(b.schema(), b.table().name()))) {
      return true;
    }
    return a.table().foreignKeys().stream().anyMatch(fk -> refKey(a.schema(), fk).equals(bk));
  }

  private void createTables(PostgresSteps steps, PostgresAlterSql alter, List<AddTable> added) {
    Set<String> pending = new HashSet<>();
    added.forEach(a -> pending.add(key(a.schema(), a.table().name())));
    for (AddTable a : PostgresOrder.sort(added, PostgresPlanner::dependsOn)) {
      String s = a.schema();
      Table t = a.table();
      String self = key(s, t.name());
      pending.remove(self);
      List<ForeignKey> later = new ArrayList<>();
      String sql =
          PostgresTableSql.create(
              s,
              t,
              fk -> {
                boolean inline =
                    !pending.contains(refKey(s, fk)) && PostgresTableSql.inlineable(fk);
                if (!inline) {
                  later.add(fk);
                }
                return inline;
              });
      steps.add(Phase.TABLES, sql, "DROP TABLE " + qualified(s, t.name()), "add table " + t.name());
      String tableRef = "ALTER TABLE " + qualified(s, t.name()) + " ";
      for (var c : t.checks()) {
        if (c.attrs().flag(PostgresAttrs.NOT_VALID)) {
          steps.add(
              Phase.TABLES,
              tableRef + "ADD " + PostgresTableSql.check(c),
              null,
              "add constraint " + c.name() + " to " + t.name());
        }
      }
      for (var i : t.indexes()) {
        if (!i.attrs().flag(PostgresAttrs.CONSTRAINT)) {
          steps.add(
              Phase.TABLES,
              PostgresTableSql.createIndex(s, t.name(), i),
              PostgresTableSql.dropIndex(s, i),
              "add index " + i.name() + " to " + t.name());
        }
      }
      for (ForeignKey fk : later) {
        steps.add(
            Phase.FOREIGN_KEYS,
            tableRef + "ADD " + PostgresTableSql.foreignKey(s, fk),
            tableRef + "DROP CONSTRAINT " + ident(fk.name()),
            "add foreign key " + fk.name() + " to " + t.name());
      }
      if (t.comment() != null && !t.comment().isEmpty()) {
        steps.add(
            Phase.TABLES,
            PostgresTableSql.commentOnTable(s, t, t.comment()),
            null,
            "comment on table " + t.name());
      }
      for (var c : t.columns()) {
        alter.comment(s, t, c.name(), null, c.comment());
      }
      if (t.primaryKey() != null) {
        alter.partComment(Phase.TABLES, s, t.name(), t.primaryKey());
      }
      t.indexes().forEach(i -> alter.partComment(Phase.TABLES, s, t.name(), i));
      t.checks().forEach(c -> alter.partComment(Phase.TABLES, s, t.name(), c));
      for (ForeignKey fk : t.foreignKeys()) {
        alter.partComment(later.contains(fk) ? Phase.FOREIGN_KEYS : Phase.TABLES, s, t.name(), fk);
      }
      if (t.attrs().flag(PostgresAttrs.RLS)) {
        steps.add(Phase.TABLES, tableRef + "ENABLE ROW LEVEL SECURITY", null, "rls on " + t.name());
      }
      if (t.attrs().flag(PostgresAttrs.RLS_FORCE)) {
        steps.add(Phase.TABLES, tableRef + "FORCE ROW LEVEL SECURITY", null, "rls on " + t.name());
      }
    }
  }

  private void dropTables(PostgresSteps steps, List<DropTable> dropped) {
    List<AddTable> asAdds = dropped.stream().map(d -> new AddTable(d.schema(), d.table())).toList();
    List<AddTable> order = PostgresOrder.reverseSort(asAdds, PostgresPlanner::dependsOn);
    for (int i = 0; i < order.size(); i++) {
      AddTable a = order.get(i);
      for (ForeignKey fk : a.table().foreignKeys()) {
        int target = indexOf(order, refKey(a.schema(), fk));
        if (target >= 0 && target < i) {
          // a cycle: the table this key points to goes first, so the key must go before it
          steps.add(
              Phase.DROP_FOREIGN_KEYS,
              "ALTER TABLE "
                  + qualified(a.schema(), a.table().name())
                  + " DROP CONSTRAINT "
                  + ident(fk.name()),
              null,
              "drop foreign key " + fk.name() + " of " + a.table().name());
        }
      }
      steps.add(
          Phase.DROP_TABLES,
          "DROP TABLE " + qualified(a.schema(), a.table().name()),
          PostgresTableSql.create(a.schema(), a.table(), fk -> true),
          "drop table " + a.table().name());
    }
  }

  private static int indexOf(List<AddTable> order, String key) {
    for (int i = 0; i < order.size(); i++) {
      if (key(order.get(i).schema(), order.get(i).table().name()).equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
