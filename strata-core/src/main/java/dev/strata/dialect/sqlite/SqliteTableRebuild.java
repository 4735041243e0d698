package dev.strata.dialect.sqlite;

import static dev.strata.dialect.sqlite.SqliteSql.ident;

import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.TableChange;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans one {@link ModifyTable}: with {@code ALTER TABLE} where SQLite allows it, otherwise by the
 * documented rebuild ("making other kinds of table schema changes" in SQLite's ALTER TABLE page).
 *
 * <p>Decision: column renames are always {@code RENAME COLUMN}; a plain index change is {@code
 * CREATE/DROP INDEX}; an added column uses {@code ADD COLUMN} when it lands at the end, is not part
 * of the key or a UNIQUE constraint, is not AUTOINCREMENT or a STORED generated column, has a
 * constant literal default (non-null when NOT NULL); a dropped column uses {@code DROP COLUMN} when
 * no key, index, foreign key, check or generated column mentions it. Anything else (type,
 * nullability, default, collation, key, foreign keys, checks, UNIQUE constraints, STRICT, WITHOUT
 * ROWID, column order) rebuilds the table.
 *
 * <p>Rebuild: drop the old indexes; create {@code new_<t>} with the target definition; copy the
 * columns that exist on both sides (new columns take their default; a NOT NULL column without one
 * fails on a non-empty table rather than inventing data); hand the old table's {@code
 * sqlite_sequence} row to the new one when both use AUTOINCREMENT (so ids of deleted rows are never
 * reused); drop the old table; rename; create the target indexes. Views and triggers are dropped
 * and recreated around it by {@link SqlitePlanner}. Each statement's reverse is chosen so that the
 * reverses, run in reverse order, rebuild the table back: drop the new indexes, create {@code
 * new_<t>} with the old definition, copy, drop, rename, create the old indexes. A rebuild needs
 * foreign key enforcement off ({@link SqliteDialect}).
 */
final class SqliteTableRebuild {
  private SqliteTableRebuild() {}

  /** Whether the change needs a rebuild rather than ALTER statements. */
  static boolean needsRebuild(ModifyTable m) {
    Table from = afterRenames(m);
    Table to = m.to();
    List<String> expected = new ArrayList<>();
    for (Column c : from.columns()) {
      if (to.column(c.name()).isPresent()) {
        expected.add(c.name());
      }
    }
    for (Column c : to.columns()) {
      if (from.column(c.name()).isEmpty()) {
        expected.add(c.name());
      }
    }
    if (!expected.equals(to.columns().stream().map(Column::name).toList())) {
      return true;
    }
    for (TableChange c : m.changes()) {
      if (forcesRebuild(c, from, to)) {
        return true;
      }
    }
    return false;
  }

  private static boolean forcesRebuild(TableChange c, Table from, Table to) {
    if (c instanceof TableChange.RenameColumn || c instanceof TableChange.ModifyComment) {
      return false;
    } else if (c instanceof TableChange.AddColumn a) {
      return !addable(a.column(), to);
    } else if (c instanceof TableChange.DropColumn d) {
      return !droppable(d.column(), from);
    } else if (c instanceof TableChange.ModifyColumn mc) {
      return !Set.of(ColumnChangeKind.COMMENT).containsAll(mc.kinds());
    } else if (c instanceof TableChange.AddIndex a) {
      return isConstraint(a.index());
    } else if (c instanceof TableChange.DropIndex d) {
      return isConstraint(d.index());
    } else if (c instanceof TableChange.RenameIndex r) {
      return isConstraint(r.from()) || isConstraint(r.to());
    }
    return true;
  }

  /** The statements for {@code m}; the table already carries its target name. */
  static List<Statement> plan(ModifyTable m) {
    List<Statement> out = new ArrayList<>();
    String t = m.to().name();
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.RenameColumn r) {
        out.add(
            new Statement(
                "ALTER TABLE "
                    + ident(t)
                    + " RENAME COLUMN "
                    + ident(r.from().name())
                    + " TO "
                    + ident(r.to().name()),
                "ALTER TABLE "
                    + ident(t)
                    + " RENAME COLUMN "
                    + ident(r.to().name())
                    + " TO "
                    + ident(r.from().name()),
                "rename column " + t + "." + r.from().name() + " to " + r.to().name()));
      }
    }
    if (needsRebuild(m)) {
      out.addAll(rebuild(afterRenames(m), m.to()));
      return out;
    }
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.DropIndex d) {
        out.add(dropIndex(d.index(), t));
      } else if (c instanceof TableChange.RenameIndex r) {
        out.add(dropIndex(r.from(), t));
      }
    }
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.DropColumn d) {
        String def = SqliteSql.columnDef(d.column(), null);
        out.add(
            new Statement(
                "ALTER TABLE " + ident(t) + " DROP COLUMN " + ident(d.column().name()),
                addable(d.column(), m.from())
                    ? "ALTER TABLE " + ident(t) + " ADD COLUMN " + def
                    : null,
                "drop column " + t + "." + d.column().name()));
      }
    }
    for (Column c : m.to().columns()) {
      if (m.changes().contains(new TableChange.AddColumn(c))) {
        out.add(
            new Statement(
                "ALTER TABLE " + ident(t) + " ADD COLUMN " + SqliteSql.columnDef(c, null),
                "ALTER TABLE " + ident(t) + " DROP COLUMN " + ident(c.name()),
                "add column " + t + "." + c.name()));
      }
    }
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.AddIndex a) {
        out.add(createIndex(a.index(), t));
      } else if (c instanceof TableChange.RenameIndex r) {
        out.add(createIndex(r.to(), t));
      }
    }
    return out;
  }

  private static List<Statement> rebuild(Table from, Table to) {
    List<Statement> out = new ArrayList<>();
    String t = to.name();
    String tmp = "new_" + t;
    for (Index i : from.indexes()) {
      if (!isConstraint(i)) {
        out.add(dropIndex(i, t));
      }
    }
    List<String> copy = new ArrayList<>();
    for (Column c : to.columns()) {
      boolean shared = from.column(c.name()).map(f -> f.generated() == null).orElse(false);
      if (shared && c.generated() == null) {
        copy.add(c.name());
      }
    }
    String cols = SqliteSql.names(copy);
    String fromDef = SqliteSql.createTable(from, tmp);
    out.add(
        new Statement(
            SqliteSql.createTable(to, tmp),
            SqliteSql.renameTable(tmp, t),
            "rebuild table " + t + ": create the new definition as " + tmp));
    if (!copy.isEmpty()) {
      out.add(
          new Statement(
              "INSERT INTO " + ident(tmp) + " (" + cols + ") SELECT " + cols + " FROM " + ident(t),
              SqliteSql.dropTable(t),
              "rebuild table " + t + ": copy rows"));
    }
    String copyBack =
        "INSERT INTO " + ident(tmp) + " (" + cols + ") SELECT " + cols + " FROM " + ident(t);
    if (autoIncrement(from) && autoIncrement(to)) {
      String moveSeq =
          "UPDATE sqlite_sequence SET name = " + literal(tmp) + " WHERE name = " + literal(t);
      String clearSeq = "DELETE FROM sqlite_sequence WHERE name = " + literal(tmp);
      out.add(new Statement(clearSeq, moveSeq, "rebuild table " + t + ": keep AUTOINCREMENT"));
      out.add(new Statement(moveSeq, clearSeq, "rebuild table " + t + ": keep AUTOINCREMENT"));
    }
    out.add(
        new Statement(
            SqliteSql.dropTable(t),
            copy.isEmpty() ? fromDef : copyBack,
            "rebuild table " + t + ": drop the old table"));
    out.add(
        new Statement(
            SqliteSql.renameTable(tmp, t),
            copy.isEmpty() ? SqliteSql.dropTable(t) : fromDef,
            "rebuild table " + t + ": rename " + tmp + " to " + t));
    for (Index i : to.indexes()) {
      if (!isConstraint(i)) {
        out.add(createIndex(i, t));
      }
    }
    return out;
  }

  private static boolean autoIncrement(Table t) {
    return t.columns().stream().anyMatch(Column::autoIncrement);
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static Statement createIndex(Index i, String table) {
    return new Statement(
        SqliteSql.createIndex(i, table),
        SqliteSql.dropIndex(i),
        "create index " + i.name() + " on " + table);
  }

  static Statement dropIndex(Index i, String table) {
    return new Statement(
        SqliteSql.dropIndex(i),
        SqliteSql.createIndex(i, table),
        "drop index " + i.name() + " on " + table);
  }

  static boolean isConstraint(Index i) {
    return i.attrs().flag(SqliteSql.CONSTRAINT);
  }

  /** Whether {@code ALTER TABLE ADD COLUMN} can add {@code c} to table {@code t}. */
  static boolean addable(Column c, Table t) {
    if (c.autoIncrement()
        || (t.primaryKey() != null && t.primaryKey().columnNames().contains(c.name()))) {
      return false;
    }
    for (Index i : t.indexes()) {
      if (isConstraint(i) && mentions(i, c.name())) {
        return false;
      }
    }
    if (c.generated() != null) {
      return !"STORED".equalsIgnoreCase(c.generated().kind()) && c.defaultExpr() == null;
    }
    if (!SqliteSql.isConstantDefault(c.defaultExpr())) {
      return false;
    }
    boolean nullDefault =
        c.defaultExpr() == null || c.defaultExpr().trim().equalsIgnoreCase("NULL");
    return c.nullable() || !nullDefault;
  }

  /** Whether {@code ALTER TABLE DROP COLUMN} can drop {@code c} from table {@code t}. */
  static boolean droppable(Column c, Table t) {
    String n = c.name();
    if (t.primaryKey() != null && t.primaryKey().columnNames().contains(n)) {
      return false;
    }
    for (Index i : t.indexes()) {
      if (mentions(i, n)) {
        return false;
      }
    }
    for (ForeignKey fk : t.foreignKeys()) {
      if (fk.columns().stream().anyMatch(n::equalsIgnoreCase)) {
        return false;
      }
    }
    for (Check k : t.checks()) {
      if (SqliteDdlParser.referencedNames(k.expr()).contains(SqliteDdlParser.lower(n))) {
        return false;
      }
    }
    for (Column o : t.columns()) {
      if (o.generated() != null
          && SqliteDdlParser.referencedNames(o.generated().expr())
              .contains(SqliteDdlParser.lower(n))) {
        return false;
      }
    }
    return true;
  }

  private static boolean mentions(Index i, String col) {
    String lower = SqliteDdlParser.lower(col);
    for (IndexPart p : i.parts()) {
      if (p.column() != null ? p.column().equalsIgnoreCase(col) : mentionsIn(p.expr(), lower)) {
        return true;
      }
    }
    return mentionsIn(i.where(), lower);
  }

  private static boolean mentionsIn(String expr, String lower) {
    return expr != null && SqliteDdlParser.referencedNames(expr).contains(lower);
  }

  /** The old table with this change's column renames applied (they run first). */
  static Table afterRenames(ModifyTable m) {
    Map<String, String> renames = new HashMap<>();
    for (TableChange tc : m.changes()) {
      if (tc instanceof TableChange.RenameColumn r) {
        renames.put(r.from().name(), r.to().name());
      }
    }
    Table f = m.from();
    if (renames.isEmpty()) {
      return f.withName(m.to().name());
    }
    List<Column> cols =
        f.columns().stream()
            .map(c -> c.withName(renames.getOrDefault(c.name(), c.name())))
            .toList();
    PrimaryKey pk =
        f.primaryKey() == null
            ? null
            : new PrimaryKey(f.primaryKey().name(), renameParts(f.primaryKey().parts(), renames));
    List<Index> indexes =
        f.indexes().stream()
            .map(
                i ->
                    new Index(
                        i.name(),
                        i.unique(),
                        renameParts(i.parts(), renames),
                        i.where(),
                        i.attrs()))
            .toList();
    List<ForeignKey> fks =
        f.foreignKeys().stream()
            .map(
                k ->
                    new ForeignKey(
                        k.name(),
                        k.columns().stream().map(c -> renames.getOrDefault(c, c)).toList(),
                        k.refSchema(),
                        k.refTable(),
                        k.refColumns(),
                        k.onUpdate(),
                        k.onDelete(),
                        k.attrs()))
            .toList();
    return new Table(m.to().name(), cols, pk, indexes, fks, f.checks(), f.comment(), f.attrs());
  }

  private static List<IndexPart> renameParts(List<IndexPart> parts, Map<String, String> renames) {
    return parts.stream()
        .map(
            p ->
                p.column() == null
                    ? p
                    : new IndexPart(
                        renames.getOrDefault(p.column(), p.column()), null, p.desc(), p.attrs()))
        .toList();
  }
}
