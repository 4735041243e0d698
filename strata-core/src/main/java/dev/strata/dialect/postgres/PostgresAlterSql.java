package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.StrataException;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.TableChange;
import dev.strata.dialect.PlanOptions;
import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.model.Attrs;
import dev.strata.model.Index;
import dev.strata.model.Table;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the changes inside one table into {@code ALTER TABLE} statements, each placed in its phase:
 * dropped foreign keys, checks, indexes and primary keys go early; column changes, new keys and
 * indexes in the alter phase; new foreign keys last, once every table exists.
 */
final class PostgresAlterSql {
  private final PostgresSteps steps;
  private final PlanOptions options;

  PostgresAlterSql(PostgresSteps steps, PlanOptions options) {
    this.steps = steps;
    this.options = options;
  }

  void modify(ModifyTable m) {
    String s = m.schema();
    Table t = m.to();
    String alter = "ALTER TABLE " + qualified(s, t.name()) + " ";
    Set<String> concurrentAdds = new HashSet<>();
    Set<String> plainAdds = new HashSet<>();
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.AddIndex a) {
        (concurrentCreate(t, a.index()) ? concurrentAdds : plainAdds).add(a.index().name());
      }
    }
    for (TableChange c : columnsFirst(m.changes())) {
      if (c instanceof TableChange.DropForeignKey d) {
        steps.add(
            Phase.DROP_FOREIGN_KEYS,
            alter + "DROP CONSTRAINT " + ident(d.foreignKey().name()),
            alter + "ADD " + PostgresTableSql.foreignKey(s, d.foreignKey()),
            "drop foreign key " + d.foreignKey().name() + " of " + t.name());
      } else if (c instanceof TableChange.AddForeignKey a) {
        steps.add(
            Phase.FOREIGN_KEYS,
            alter + "ADD " + PostgresTableSql.foreignKey(s, a.foreignKey()),
            alter + "DROP CONSTRAINT " + ident(a.foreignKey().name()),
            "add foreign key " + a.foreignKey().name() + " to " + t.name());
        partComment(Phase.FOREIGN_KEYS, s, t.name(), a.foreignKey());
      } else if (c instanceof TableChange.DropCheck d) {
        steps.add(
            Phase.DROP_CONSTRAINTS,
            alter + "DROP CONSTRAINT " + ident(d.check().name()),
            alter + "ADD " + PostgresTableSql.check(d.check()),
            "drop constraint " + d.check().name() + " of " + t.name());
      } else if (c instanceof TableChange.AddCheck a) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "ADD " + PostgresTableSql.check(a.check()),
            a.check().name() == null ? null : alter + "DROP CONSTRAINT " + ident(a.check().name()),
            "add constraint " + a.check().name() + " to " + t.name());
        partComment(Phase.ALTER_TABLES, s, t.name(), a.check());
      } else if (c instanceof TableChange.DropIndex d
          && concurrentDrop(m, d.index(), plainAdds.contains(d.index().name()))) {
        steps.addOutside(
            Phase.CONCURRENT_DROP_INDEXES,
            PostgresTableSql.dropIndex(s, d.index(), true),
            PostgresTableSql.createIndex(s, t.name(), d.index(), true),
            "drop index " + d.index().name() + " of " + t.name() + " concurrently");
      } else if (c instanceof TableChange.AddIndex a && concurrentAdds.contains(a.index().name())) {
        steps.addOutside(
            Phase.CONCURRENT_INDEXES,
            PostgresTableSql.createIndex(s, t.name(), a.index(), true),
            PostgresTableSql.dropIndex(s, a.index(), true),
            "add index " + a.index().name() + " to " + t.name() + " concurrently");
        String comment = PostgresTableSql.partComment(a.index());
        if (comment != null) {
          steps.addOutside(
              Phase.CONCURRENT_INDEXES,
              PostgresTableSql.commentOnPart(s, t.name(), a.index(), comment),
              PostgresTableSql.commentOnPart(s, t.name(), a.index(), null),
              "comment on index " + a.index().name());
        }
      } else if (c instanceof TableChange.DropIndex d) {
        steps.add(
            Phase.DROP_CONSTRAINTS,
            dropIndex(s, alter, d.index()),
            addIndex(s, t, alter, d.index()),
            "drop index " + d.index().name() + " of " + t.name());
      } else if (c instanceof TableChange.AddIndex a) {
        steps.add(
            Phase.ALTER_TABLES,
            addIndex(s, t, alter, a.index()),
            dropIndex(s, alter, a.index()),
            "add index " + a.index().name() + " to " + t.name());
        partComment(Phase.ALTER_TABLES, s, t.name(), a.index());
      } else if (c instanceof TableChange.RenameIndex r) {
        String fmt =
            r.from().attrs().flag(PostgresAttrs.CONSTRAINT)
                ? alter + "RENAME CONSTRAINT %s TO %s"
                : "ALTER INDEX " + ident(s) + ".%s RENAME TO %s";
        steps.add(
            Phase.ALTER_TABLES,
            String.format(fmt, ident(r.from().name()), ident(r.to().name())),
            String.format(fmt, ident(r.to().name()), ident(r.from().name())),
            "rename index " + r.from().name() + " to " + r.to().name());
      } else if (c instanceof TableChange.RenamePrimaryKey r) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "RENAME CONSTRAINT " + ident(r.from().name()) + " TO " + ident(r.to().name()),
            alter + "RENAME CONSTRAINT " + ident(r.to().name()) + " TO " + ident(r.from().name()),
            "rename primary key " + r.from().name() + " to " + r.to().name());
      } else if (c instanceof TableChange.ModifyPrimaryKey pk) {
        if (pk.from() != null) {
          steps.add(
              Phase.DROP_CONSTRAINTS,
              alter + "DROP CONSTRAINT " + ident(pk.from().name()),
              alter + "ADD " + PostgresTableSql.primaryKey(pk.from()),
              "drop primary key of " + t.name());
        }
        if (pk.to() != null) {
          steps.add(
              Phase.ALTER_TABLES,
              alter + "ADD " + PostgresTableSql.primaryKey(pk.to()),
              pk.to().name() == null ? null : alter + "DROP CONSTRAINT " + ident(pk.to().name()),
              "add primary key to " + t.name());
          partComment(Phase.ALTER_TABLES, s, t.name(), pk.to());
        }
      } else if (c instanceof TableChange.AddColumn a) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "ADD COLUMN " + PostgresTableSql.column(a.column()),
            alter + "DROP COLUMN " + ident(a.column().name()),
            "add column " + a.column().name() + " to " + t.name());
        comment(s, t, a.column().name(), null, a.column().comment());
      } else if (c instanceof TableChange.DropColumn d) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "DROP COLUMN " + ident(d.column().name()),
            alter + "ADD COLUMN " + PostgresTableSql.column(d.column()),
            "drop column " + d.column().name() + " of " + t.name());
      } else if (c instanceof TableChange.RenameColumn r) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "RENAME COLUMN " + ident(r.from().name()) + " TO " + ident(r.to().name()),
            alter + "RENAME COLUMN " + ident(r.to().name()) + " TO " + ident(r.from().name()),
            "rename column " + r.from().name() + " to " + r.to().name());
      } else if (c instanceof TableChange.ModifyColumn mc) {
        new PostgresColumnSql(steps, s, t.name()).modify(mc.from(), mc.to(), mc.kinds());
      } else if (c instanceof TableChange.ModifyComment mc) {
        steps.add(
            Phase.ALTER_TABLES,
            PostgresTableSql.commentOnTable(s, t, mc.to()),
            PostgresTableSql.commentOnTable(s, t, mc.from()),
            "comment on table " + t.name());
      } else if (c instanceof TableChange.ModifyPartComment pc) {
        steps.add(
            Phase.ALTER_TABLES,
            PostgresTableSql.commentOnPart(s, t.name(), pc.part(), pc.to()),
            PostgresTableSql.commentOnPart(s, t.name(), pc.part(), pc.from()),
            "comment on " + PostgresTableSql.partName(pc.part()) + " of " + t.name());
      } else if (c instanceof TableChange.ModifyAttrs ma) {
        attrs(s, t, alter, ma.from(), ma.to());
      }
    }
  }

  /**
   * Whether a new index of an existing table is built {@code CONCURRENTLY}: when asked, for plain
   * (non-constraint) indexes of tables that are not partitioned (PostgreSQL cannot build those
   * concurrently).
   */
  private boolean concurrentCreate(Table t, Index i) {
    return options.concurrentIndexCreate()
        && !i.attrs().flag(PostgresAttrs.CONSTRAINT)
        && t.attrs().get(PostgresAttrs.PARTITION_BY) == null;
  }

  /**
   * Whether a dropped index goes {@code CONCURRENTLY} after the transaction: when asked, for plain
   * indexes of unpartitioned tables, unless the same plan drops a column the index uses (dropping
   * the column drops the index inside the transaction) or creates an index of the same name inside
   * the transaction (the old one must be gone first).
   */
  private boolean concurrentDrop(ModifyTable m, Index i, boolean sameNameAddedPlain) {
    if (!options.concurrentIndexDrop()
        || sameNameAddedPlain
        || i.attrs().flag(PostgresAttrs.CONSTRAINT)
        || m.from().attrs().get(PostgresAttrs.PARTITION_BY) != null) {
      return false;
    }
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.DropColumn d && usesColumn(i, d.column().name())) {
        return false;
      }
    }
    return true;
  }

  private static boolean usesColumn(Index i, String column) {
    for (var p : i.parts()) {
      if (column.equals(p.column())
          || (p.expr() != null && PostgresSql.mentions(p.expr(), column))) {
        return true;
      }
    }
    return (i.where() != null && PostgresSql.mentions(i.where(), column))
        || (i.attrs().get(PostgresAttrs.INCLUDE) != null
            && PostgresSql.mentions(i.attrs().get(PostgresAttrs.INCLUDE), column));
  }

  void comment(String schema, Table t, String column, String from, String to) {
    if (!Objects.equals(PostgresInspector.emptyToNull(from), PostgresInspector.emptyToNull(to))) {
      steps.add(
          Phase.ALTER_TABLES,
          PostgresTableSql.commentOnColumn(schema, t.name(), column, to),
          PostgresTableSql.commentOnColumn(schema, t.name(), column, from),
          "comment on column " + t.name() + "." + column);
    }
  }

  /**
   * The comment of a new index, key or constraint, after it is built (none for an unnamed one: the
   * statement needs its name). Its reverse clears the comment, just before undoing the build drops
   * the part.
   */
  void partComment(Phase phase, String schema, String table, Object part) {
    String comment = PostgresTableSql.partComment(part);
    if (comment != null && PostgresTableSql.partName(part) != null) {
      steps.add(
          phase,
          PostgresTableSql.commentOnPart(schema, table, part, comment),
          PostgresTableSql.commentOnPart(schema, table, part, null),
          "comment on " + PostgresTableSql.partName(part) + " of " + table);
    }
  }

  private static String addIndex(String s, Table t, String alter, Index i) {
    if (i.attrs().flag(PostgresAttrs.CONSTRAINT)) {
      return alter + "ADD " + PostgresTableSql.uniqueConstraint(i);
    }
    return PostgresTableSql.createIndex(s, t.name(), i);
  }

  private static String dropIndex(String s, String alter, Index i) {
    if (i.attrs().flag(PostgresAttrs.CONSTRAINT)) {
      return alter + "DROP CONSTRAINT " + ident(i.name());
    }
    return PostgresTableSql.dropIndex(s, i);
  }

  private void attrs(String s, Table t, String alter, Attrs from, Attrs to) {
    String keyFrom = from.get(PostgresAttrs.PARTITION_BY);
    String keyTo = to.get(PostgresAttrs.PARTITION_BY);
    if (!Objects.equals(keyFrom, keyTo)) {
      String name = s + "." + t.name();
      throw new StrataException(
          "postgres: table "
              + name
              + (keyFrom == null ? " is not partitioned" : " is partitioned by " + keyFrom)
              + (keyTo == null
                  ? " and the desired schema does not partition it"
                  : " and the desired schema partitions it by " + keyTo)
              + "; PostgreSQL cannot change this in place, and Strata does not rebuild a table"
              + " implicitly. To keep the rows, migrate in steps: add a new table with the desired"
              + " partitioning (and its partitions) under another name, copy the rows with INSERT"
              + " INTO new SELECT * FROM "
              + name
              + ", then drop "
              + name
              + " and rename the new table (renamed_from); or drop the table first if its rows"
              + " may be lost");
    }
    partitionOf(s, t, from, to);
    toggle(alter, from, to, PostgresAttrs.UNLOGGED, "SET UNLOGGED", "SET LOGGED", t);
    toggle(
        alter,
        from,
        to,
        PostgresAttrs.RLS,
        "ENABLE ROW LEVEL SECURITY",
        "DISABLE ROW LEVEL SECURITY",
        t);
    toggle(
        alter,
        from,
        to,
        PostgresAttrs.RLS_FORCE,
        "FORCE ROW LEVEL SECURITY",
        "NO FORCE ROW LEVEL SECURITY",
        t);
    String fw = from.get(PostgresAttrs.WITH);
    String tw = to.get(PostgresAttrs.WITH);
    if (!Objects.equals(fw, tw)) {
      if (fw != null) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "RESET (" + keys(fw) + ")",
            alter + "SET (" + fw + ")",
            "reset storage parameters of " + t.name());
      }
      if (tw != null) {
        steps.add(
            Phase.ALTER_TABLES,
            alter + "SET (" + tw + ")",
            alter + "RESET (" + keys(tw) + ")",
            "set storage parameters of " + t.name());
      }
    }
  }

  /**
   * A partition moved to another parent or given another bound is detached and attached again
   * (PostgreSQL checks on ATTACH that its rows fit the new bound); a table becoming a partition is
   * attached and a partition becoming a plain table is detached. Rows are kept.
   */
  private void partitionOf(String s, Table t, Attrs from, Attrs to) {
    String parentFrom = from.get(PostgresAttrs.PARTITION_OF);
    String parentTo = to.get(PostgresAttrs.PARTITION_OF);
    String boundFrom = from.get(PostgresAttrs.PARTITION_BOUND);
    String boundTo = to.get(PostgresAttrs.PARTITION_BOUND);
    if (Objects.equals(parentFrom, parentTo) && Objects.equals(boundFrom, boundTo)) {
      return;
    }
    String self = qualified(s, t.name());
    if (parentFrom != null) {
      steps.add(
          Phase.ALTER_TABLES,
          "ALTER TABLE " + parentFrom + " DETACH PARTITION " + self,
          "ALTER TABLE " + parentFrom + " ATTACH PARTITION " + self + " " + boundFrom,
          "detach partition " + t.name() + " from " + parentFrom);
    }
    if (parentTo != null) {
      steps.add(
          Phase.ALTER_TABLES,
          "ALTER TABLE " + parentTo + " ATTACH PARTITION " + self + " " + boundTo,
          "ALTER TABLE " + parentTo + " DETACH PARTITION " + self,
          "attach partition " + t.name() + " to " + parentTo + " " + boundTo);
    }
  }

  private static String keys(String options) {
    return String.join(
        ", ",
        java.util.Arrays.stream(options.split(",\\s*"))
            .map(o -> o.contains("=") ? o.substring(0, o.indexOf('=')) : o)
            .toList());
  }

  private void toggle(
      String alter, Attrs from, Attrs to, String key, String on, String off, Table t) {
    if (from.flag(key) != to.flag(key)) {
      steps.add(
          Phase.ALTER_TABLES,
          alter + (to.flag(key) ? on : off),
          alter + (to.flag(key) ? off : on),
          key + " on " + t.name());
    }
  }

  /** Column renames, drops, changes and additions before keys, indexes and checks use them. */
  private static java.util.List<TableChange> columnsFirst(java.util.List<TableChange> changes) {
    java.util.List<TableChange> out = new java.util.ArrayList<>(changes);
    out.sort(java.util.Comparator.comparingInt(PostgresAlterSql::rank));
    return out;
  }

  private static int rank(TableChange c) {
    if (c instanceof TableChange.RenameColumn) {
      return 0;
    } else if (c instanceof TableChange.DropColumn) {
      return 1;
    } else if (c instanceof TableChange.ModifyColumn) {
      return 2;
    } else if (c instanceof TableChange.AddColumn) {
      return 3;
    }
    return 4;
  }
}
