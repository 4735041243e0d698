package dev.strata.dialect.mysql;

import static dev.strata.dialect.mysql.MysqlDdl.quote;

import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.TableChange;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the changes of one table into the clauses of a single {@code ALTER TABLE}, each with its
 * reverse and the cheapest online algorithm the server guarantees for it (INSTANT, INPLACE with
 * {@code LOCK=NONE}, or COPY, which rebuilds the table by copying it). A rename together with other
 * changes of one column becomes one {@code CHANGE COLUMN}, since all clauses of an ALTER name
 * columns by their old names.
 */
final class MysqlAlter {
  /** Online DDL levels, cheapest first. */
  enum Level {
    INSTANT,
    INPLACE,
    COPY
  }

  /**
   * One clause of an ALTER TABLE; {@code reverse} is null when it cannot be undone. {@code why}
   * explains a COPY, or marks an INPLACE clause that rebuilds the table. {@code reversePosition} is
   * the column's index in the current table when the reverse moves the column back ({@code
   * FIRST}/{@code AFTER}), else -1: such reverses run last, in the current table's column order.
   */
  record Clause(String sql, String reverse, Level level, String why, int reversePosition) {
    Clause(String sql, String reverse, Level level, String why) {
      this(sql, reverse, level, why, -1);
    }
  }

  private final MysqlServer server;
  private final ModifyTable change;
  private final Table from;
  private final Table to;
  private final Map<String, String> schemaCollation;
  private final List<Clause> out = new ArrayList<>();
  private final Set<String> added = new java.util.HashSet<>();

  /** Columns whose definition a clause already restates (with its column-level CHECK). */
  private final Set<String> redefined = new java.util.HashSet<>();

  /** Columns whose column-level CHECK changes. */
  private final Set<String> checkColumns = new java.util.HashSet<>();

  /** Columns whose column-level CHECK was already handled by a MODIFY COLUMN. */
  private final Set<String> checkDone = new java.util.HashSet<>();

  MysqlAlter(MysqlServer server, ModifyTable change, Map<String, String> schemaAttrs) {
    this.server = server;
    this.change = change;
    this.from = change.from();
    this.to = change.to();
    this.schemaCollation = schemaAttrs;
  }

  List<Clause> clauses() {
    Map<String, Set<ColumnChangeKind>> modified = new java.util.HashMap<>();
    for (TableChange tc : change.changes()) {
      if (tc instanceof TableChange.ModifyColumn m) {
        modified.put(m.to().name(), m.kinds());
      } else if (tc instanceof TableChange.AddColumn a) {
        added.add(a.column().name());
      } else if (tc instanceof TableChange.RenameColumn r && !server.renameColumn()) {
        redefined.add(r.to().name());
      }
    }
    for (TableChange tc : change.changes()) {
      if (tc instanceof TableChange.AddCheck a && a.check().attrs().flag("column_level")) {
        checkColumns.add(a.check().name());
      } else if (tc instanceof TableChange.DropCheck d && d.check().attrs().flag("column_level")) {
        checkColumns.add(d.check().name());
      }
    }
    redefined.addAll(modified.keySet());
    redefined.addAll(added);
    for (TableChange tc : change.changes()) {
      clause(tc, modified);
    }
    return out;
  }

  private void clause(TableChange tc, Map<String, Set<ColumnChangeKind>> modified) {
    if (tc instanceof TableChange.AddColumn a) {
      addColumn(a.column());
    } else if (tc instanceof TableChange.DropColumn d) {
      boolean indexed = inIndex(from, d.column().name());
      add(
          "DROP COLUMN " + quote(d.column().name()),
          null,
          server.instantDropColumn() && !indexed && instantTable()
              ? Level.INSTANT
              : rebuild(Level.INPLACE),
          fulltextWhy(server.instantDropColumn() && !indexed && instantTable()));
    } else if (tc instanceof TableChange.RenameColumn r) {
      renameColumn(r, modified.getOrDefault(r.to().name(), Set.of()));
    } else if (tc instanceof TableChange.ModifyColumn m) {
      modifyColumn(m);
    } else if (tc instanceof TableChange.AddIndex a) {
      Index i = a.index();
      boolean special = i.attrs().get("index_type") != null || i.attrs().get("using") != null;
      add(
          "ADD " + MysqlDdl.index(i, server),
          "DROP INDEX " + quote(i.name()),
          special ? Level.COPY : Level.INPLACE,
          special ? "a FULLTEXT, SPATIAL or HASH index is not built online" : null);
    } else if (tc instanceof TableChange.DropIndex d) {
      add(
          "DROP INDEX " + quote(d.index().name()),
          "ADD " + MysqlDdl.index(d.index(), server),
          Level.INPLACE,
          null);
    } else if (tc instanceof TableChange.RenameIndex r) {
      add(
          "RENAME INDEX " + quote(r.from().name()) + " TO " + quote(r.to().name()),
          "RENAME INDEX " + quote(r.to().name()) + " TO " + quote(r.from().name()),
          Level.INPLACE,
          null);
    } else if (tc instanceof TableChange.ModifyPrimaryKey p) {
      if (p.from() != null) {
        add(
            "DROP PRIMARY KEY",
            "ADD " + MysqlDdl.primaryKey(p.from()),
            Level.COPY,
            "dropping the primary key rebuilds the table");
      }
      if (p.to() != null) {
        add(
            "ADD " + MysqlDdl.primaryKey(p.to()),
            "DROP PRIMARY KEY",
            p.from() == null ? rebuild(Level.INPLACE) : Level.COPY,
            p.from() == null ? fulltextWhy(false) : null);
      }
    } else if (tc instanceof TableChange.AddForeignKey a) {
      ForeignKey fk = a.foreignKey();
      add(
          "ADD " + MysqlDdl.foreignKey(fk),
          "DROP FOREIGN KEY " + quote(fk.name()),
          Level.COPY,
          "adding a checked foreign key");
    } else if (tc instanceof TableChange.DropForeignKey d) {
      add(
          "DROP FOREIGN KEY " + quote(d.foreignKey().name()),
          "ADD " + MysqlDdl.foreignKey(d.foreignKey()),
          Level.INPLACE,
          null);
    } else if (tc instanceof TableChange.AddCheck a && a.check().attrs().flag("column_level")) {
      columnCheck(a.check().name(), "a new CHECK constraint is verified against every row");
    } else if (tc instanceof TableChange.DropCheck d && d.check().attrs().flag("column_level")) {
      columnCheck(d.check().name(), null);
    } else if (tc instanceof TableChange.AddCheck a) {
      add(
          "ADD " + MysqlDdl.check(a.check()),
          dropCheck(a.check()),
          Level.COPY,
          "a new CHECK constraint is verified against every row");
    } else if (tc instanceof TableChange.DropCheck d) {
      add(dropCheck(d.check()), "ADD " + MysqlDdl.check(d.check()), Level.INPLACE, null);
    } else if (tc instanceof TableChange.ModifyComment c) {
      add(
          "COMMENT = " + MysqlTypes.quote(nz(c.to())),
          "COMMENT = " + MysqlTypes.quote(nz(c.from())),
          Level.INPLACE,
          null);
    } else if (tc instanceof TableChange.ModifyAttrs a) {
      modifyAttrs(a.from(), a.to());
    }
  }

  /**
   * A MariaDB column-level CHECK belongs to its column: it is added, changed and dropped by
   * restating the column ({@code MODIFY COLUMN} with or without {@code CHECK}); {@code DROP
   * CONSTRAINT} does not reach it. Nothing to do when another clause restates the column anyway or
   * the column goes.
   */
  private void columnCheck(String column, String why) {
    Column now = to.column(column).orElse(null);
    Column before = from.column(column).orElse(null);
    if (now == null || redefined.contains(column) || !checkDone.add(column)) {
      return;
    }
    add(
        "MODIFY COLUMN " + columnDef(to, now),
        before == null ? null : "MODIFY COLUMN " + columnDef(from, before),
        why == null ? Level.INPLACE : Level.COPY,
        why);
  }

  /** A column's definition with its column-level CHECK (MariaDB), if {@code t} has one. */
  private String columnDef(Table t, Column c) {
    String def = MysqlDdl.column(c, server);
    for (Check ck : t.checks()) {
      if (ck.attrs().flag("column_level") && ck.name().equals(c.name())) {
        return def + " CHECK (" + ck.expr() + ")";
      }
    }
    return def;
  }

  private void addColumn(Column c) {
    int pos = indexOf(to, c.name());
    String where = "";
    boolean last = true;
    for (int i = pos + 1; i < to.columns().size(); i++) {
      if (!added.contains(to.columns().get(i).name())) {
        last = false;
      }
    }
    if (!last) {
      where = position(to, c.name());
    }
    boolean instant =
        server.instantDdl()
            && instantTable()
            && (last || server.instantAddAnywhere())
            && !c.autoIncrement()
            && (c.generated() == null || !"STORED".equalsIgnoreCase(c.generated().kind()));
    Level level = instant ? Level.INSTANT : c.autoIncrement() ? Level.COPY : rebuild(Level.INPLACE);
    add(
        "ADD COLUMN " + columnDef(to, c) + where,
        "DROP COLUMN " + quote(c.name()),
        level,
        c.autoIncrement() ? "an AUTO_INCREMENT column is filled row by row" : fulltextWhy(instant));
  }

  private void renameColumn(TableChange.RenameColumn r, Set<ColumnChangeKind> kinds) {
    String a = quote(r.from().name());
    String b = quote(r.to().name());
    boolean moves = kinds.contains(ColumnChangeKind.POSITION);
    boolean alsoModified = !kinds.isEmpty() && !kinds.equals(Set.of(ColumnChangeKind.POSITION));
    if (kinds.isEmpty() && server.renameColumn()) {
      add(
          "RENAME COLUMN " + a + " TO " + b,
          "RENAME COLUMN " + b + " TO " + a,
          renameLevel(),
          null);
    } else {
      Level level = alsoModified ? Level.COPY : moves ? moveLevel() : renameLevel();
      String why =
          alsoModified ? "the column's definition changes too" : moves ? moveWhy(r.to()) : null;
      out.add(
          new Clause(
              "CHANGE COLUMN "
                  + a
                  + " "
                  + columnDef(to, r.to())
                  + (moves ? position(to, r.to().name()) : ""),
              "CHANGE COLUMN "
                  + b
                  + " "
                  + columnDef(from, r.from())
                  + (moves ? position(from, r.from().name()) : ""),
              level,
              why,
              moves ? indexOf(from, r.from().name()) : -1));
    }
  }

  private void modifyColumn(TableChange.ModifyColumn m) {
    String name = m.to().name();
    boolean renamed = from.column(name).isEmpty();
    if (renamed) {
      return;
    }
    if (m.kinds().equals(Set.of(ColumnChangeKind.DEFAULT)) && !checkColumns.contains(name)) {
      add(
          setDefault(name, m.to().defaultExpr()),
          setDefault(name, m.from().defaultExpr()),
          server.instantDdl() ? Level.INSTANT : Level.INPLACE,
          null);
      return;
    }
    if (m.kinds().contains(ColumnChangeKind.GENERATED)) {
      String where = position(to, name);
      add(
          "DROP COLUMN " + quote(name),
          null,
          Level.COPY,
          "column " + name + " changes how it is generated and is dropped and added again");
      add("ADD COLUMN " + columnDef(to, m.to()) + where, null, Level.COPY, null);
      return;
    }
    boolean copy =
        (m.kinds().contains(ColumnChangeKind.TYPE) && !widensVarcharInPlace(m))
            || m.kinds().contains(ColumnChangeKind.AUTO_INCREMENT)
            || m.kinds().contains(ColumnChangeKind.COLLATION)
            || m.kinds().contains(ColumnChangeKind.GENERATED)
            || m.kinds().contains(ColumnChangeKind.ATTRS);
    boolean checked = !copy && checkColumns.contains(name);
    copy |= checked;
    boolean moves = m.kinds().contains(ColumnChangeKind.POSITION);
    boolean moveOnly = m.kinds().equals(Set.of(ColumnChangeKind.POSITION)) && !checked;
    boolean rebuilds =
        !Set.of(ColumnChangeKind.COMMENT, ColumnChangeKind.DEFAULT).containsAll(m.kinds());
    Level level =
        copy
            ? Level.COPY
            : moveOnly ? moveLevel() : rebuilds ? rebuild(Level.INPLACE) : Level.INPLACE;
    if (moves && !copy && moveLevel() == Level.COPY) {
      level = Level.COPY;
    }
    String why =
        checked
            ? "the CHECK constraint of column " + name + " is verified against every row"
            : copy
                ? "column " + name + " changes type, charset or generation"
                : level == Level.COPY && fulltext()
                    ? fulltextWhy(false)
                    : moves && level != Level.INSTANT ? moveWhy(m.to()) : null;
    out.add(
        new Clause(
            "MODIFY COLUMN " + columnDef(to, m.to()) + (moves ? position(to, name) : ""),
            "MODIFY COLUMN "
                + columnDef(from, m.from())
                + (moves ? position(from, m.from().name()) : ""),
            level,
            why,
            moves ? indexOf(from, m.from().name()) : -1));
  }

  /**
   * How moving a column is done: MariaDB 10.4+ reorders InnoDB columns instantly; MySQL (and older
   * MariaDB) rebuilds the table in place, copying every row while writes continue.
   */
  private Level moveLevel() {
    if (server.instantReorder() && instantTable()) {
      return Level.INSTANT;
    }
    String engine = from.attrs().get("engine");
    return engine == null || engine.equalsIgnoreCase("InnoDB")
        ? rebuild(Level.INPLACE)
        : Level.COPY;
  }

  /** Renames are metadata only; MariaDB renames instantly even with a FULLTEXT index. */
  private Level renameLevel() {
    boolean instant =
        server.instantRename() && innodbUncompressed() && (!fulltext() || server.mariadb());
    return instant ? Level.INSTANT : Level.INPLACE;
  }

  /**
   * An in-place table rebuild on a table with a FULLTEXT index cannot run with {@code LOCK=NONE}
   * (InnoDB rebuilds the full-text index under a shared lock), so it is planned without an
   * ALGORITHM clause and called a copy: writes wait.
   */
  private Level rebuild(Level inplace) {
    return inplace == Level.INPLACE && fulltext() ? Level.COPY : inplace;
  }

  /** The reason for {@link #rebuild}, or null when it does not apply. */
  private String fulltextWhy(boolean instant) {
    return !instant && fulltext()
        ? "the table has a FULLTEXT index, so rebuilding it blocks writes"
        : null;
  }

  private static String moveWhy(Column c) {
    return "column " + c.name() + " moves";
  }

  /** " FIRST" or " AFTER `previous`": where {@code col} sits in {@code t}. */
  private static String position(Table t, String col) {
    int pos = indexOf(t, col);
    return pos == 0 ? " FIRST" : " AFTER " + quote(t.columns().get(pos - 1).name());
  }

  private static String setDefault(String col, String expr) {
    return "ALTER COLUMN "
        + quote(col)
        + (expr == null ? " DROP DEFAULT" : " SET DEFAULT " + MysqlDdl.defaultValue(expr));
  }

  private String dropCheck(Check c) {
    return (server.known() && !server.mariadb() ? "DROP CHECK " : "DROP CONSTRAINT ")
        + quote(c.name());
  }

  private void modifyAttrs(Attrs a, Attrs b) {
    String fromColl = effective(a, "collate");
    String toColl = effective(b, "collate");
    String fromCs = effective(a, "charset");
    String toCs = effective(b, "charset");
    if (!Objects.equals(fromColl, toColl) || !Objects.equals(fromCs, toCs)) {
      add(
          convert(toCs, toColl),
          convert(fromCs, fromColl),
          Level.COPY,
          "the table's text columns are converted to a new character set");
    }
    if (!Objects.equals(a.get("engine"), b.get("engine")) && b.get("engine") != null) {
      add(
          "ENGINE=" + b.get("engine"),
          a.get("engine") == null ? null : "ENGINE=" + a.get("engine"),
          Level.COPY,
          "changing the storage engine");
    }
    if (!Objects.equals(a.get("row_format"), b.get("row_format"))) {
      add(
          "ROW_FORMAT=" + nzd(b.get("row_format")),
          "ROW_FORMAT=" + nzd(a.get("row_format")),
          Level.COPY,
          "changing the row format rebuilds the table");
    }
    String ai = b.get("auto_increment");
    if (ai != null
        && (a.get("auto_increment") == null
            || Long.parseLong(ai) > Long.parseLong(a.get("auto_increment")))) {
      add("AUTO_INCREMENT=" + ai, null, Level.INPLACE, null);
    }
    if (!Objects.equals(a.get("partition"), b.get("partition"))) {
      add(
          b.get("partition") == null ? "REMOVE PARTITIONING" : b.get("partition"),
          a.get("partition") == null ? "REMOVE PARTITIONING" : a.get("partition"),
          Level.COPY,
          "repartitioning copies the rows");
    }
  }

  private static final java.util.regex.Pattern VARCHAR =
      java.util.regex.Pattern.compile("(?i)varchar\\((\\d+)\\)");

  /** Bytes per character of the character sets whose width is known. */
  private static final Map<String, Integer> CHARSET_BYTES =
      Map.of(
          "latin1", 1, "ascii", 1, "binary", 1, "utf8", 3, "utf8mb3", 3, "utf8mb4", 4, "ucs2", 2);

  /**
   * Whether a type change only lengthens a VARCHAR without changing how many bytes store its length
   * (1 byte up to 255 bytes of data, 2 beyond): both servers do that in place without blocking
   * writes (MySQL 5.7+, MariaDB 10.2+); crossing 255 bytes, or an unknown charset, copies.
   */
  private boolean widensVarcharInPlace(TableChange.ModifyColumn m) {
    java.util.regex.Matcher a = VARCHAR.matcher(m.from().type());
    java.util.regex.Matcher b = VARCHAR.matcher(m.to().type());
    if (!a.matches() || !b.matches() || m.kinds().contains(ColumnChangeKind.COLLATION)) {
      return false;
    }
    String charset = m.to().attrs().get("charset");
    if (charset == null) {
      charset = effective(to.attrs(), "charset");
    }
    Integer width = charset == null ? null : CHARSET_BYTES.get(charset.toLowerCase(Locale.ROOT));
    if (width == null || !server.known()) {
      return false;
    }
    long before = Long.parseLong(a.group(1)) * width;
    long after = Long.parseLong(b.group(1)) * width;
    return after >= before && (before > 255) == (after > 255);
  }

  private String effective(Attrs a, String key) {
    return a.get(key) != null ? a.get(key) : schemaCollation.get(key);
  }

  private static String convert(String charset, String collate) {
    return "CONVERT TO CHARACTER SET " + charset + (collate == null ? "" : " COLLATE " + collate);
  }

  /**
   * Whether instant column changes (add, drop, move) are possible: InnoDB, not compressed, no
   * FULLTEXT index (neither MySQL nor MariaDB adds, drops or moves columns instantly then; verified
   * on MariaDB 10.11).
   */
  private boolean instantTable() {
    return innodbUncompressed() && !fulltext();
  }

  private boolean innodbUncompressed() {
    String engine = from.attrs().get("engine");
    String rowFormat = from.attrs().get("row_format");
    return (engine == null || engine.equalsIgnoreCase("InnoDB"))
        && !"COMPRESSED".equalsIgnoreCase(rowFormat);
  }

  private boolean fulltext() {
    return from.indexes().stream().anyMatch(i -> "FULLTEXT".equals(i.attrs().get("index_type")));
  }

  private static boolean inIndex(Table t, String col) {
    boolean inPk = t.primaryKey() != null && t.primaryKey().columnNames().contains(col);
    return inPk
        || t.indexes().stream()
            .anyMatch(i -> i.parts().stream().anyMatch(p -> col.equals(p.column())));
  }

  private static int indexOf(Table t, String col) {
    for (int i = 0; i < t.columns().size(); i++) {
      if (t.columns().get(i).name().equals(col)) {
        return i;
      }
    }
    return -1;
  }

  private void add(String sql, String reverse, Level level, String why) {
    out.add(new Clause(sql, reverse, level, why));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String nzd(String s) {
    return s == null ? "DEFAULT" : s;
  }
}
