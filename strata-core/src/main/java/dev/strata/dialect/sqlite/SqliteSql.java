package dev.strata.dialect.sqlite;

import dev.strata.dialect.sqlite.SqliteLexer.Kind;
import dev.strata.dialect.sqlite.SqliteLexer.Token;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders SQLite DDL from the model: identifier quoting, column definitions, {@code CREATE TABLE}
 * and {@code CREATE INDEX}. Identifiers are double-quoted only when needed (an SQLite keyword, or
 * not of the form {@code [a-z_][a-z0-9_]*}).
 */
final class SqliteSql {
  /** Attribute of an {@link Index} that is a table-level UNIQUE constraint (rendered inline). */
  static final String CONSTRAINT = "constraint";

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  private static final Set<String> KEYWORDS =
      Set.of(
          "abort",
          "action",
          "add",
          "after",
          "all",
          "alter",
          "always",
          "analyze",
          "and",
          "as",
          "asc",
          "attach",
          "autoincrement",
          "before",
          "begin",
          "between",
          "by",
          "cascade",
          "case",
          "cast",
          "check",
          "collate",
          "column",
          "commit",
          "conflict",
          "constraint",
          "create",
          "cross",
          "current",
          "current_date",
          "current_time",
          "current_timestamp",
          "database",
          "default",
          "deferrable",
          "deferred",
          "delete",
          "desc",
          "detach",
          "distinct",
          "do",
          "drop",
          "each",
          "else",
          "end",
          "escape",
          "except",
          "exclude",
          "exclusive",
          "exists",
          "explain",
          "fail",
          "filter",
          "first",
          "following",
          "for",
          "foreign",
          "from",
          "full",
          "generated",
          "glob",
          "group",
          "groups",
          "having",
          "if",
          "ignore",
          "immediate",
          "in",
          "index",
          "indexed",
          "initially",
          "inner",
          "insert",
          "instead",
          "intersect",
          "into",
          "is",
          "isnull",
          "join",
          "key",
          "last",
          "left",
          "like",
          "limit",
          "match",
          "materialized",
          "natural",
          "no",
          "not",
          "nothing",
          "notnull",
          "null",
          "nulls",
          "of",
          "offset",
          "on",
          "or",
          "order",
          "others",
          "outer",
          "over",
          "partition",
          "plan",
          "pragma",
          "preceding",
          "primary",
          "query",
          "raise",
          "range",
          "recursive",
          "references",
          "regexp",
          "reindex",
          "release",
          "rename",
          "replace",
          "restrict",
          "returning",
          "right",
          "rollback",
          "row",
          "rows",
          "savepoint",
          "select",
          "set",
          "table",
          "temp",
          "temporary",
          "then",
          "ties",
          "to",
          "transaction",
          "trigger",
          "unbounded",
          "union",
          "unique",
          "update",
          "using",
          "vacuum",
          "values",
          "view",
          "virtual",
          "when",
          "where",
          "window",
          "with",
          "without");

  private SqliteSql() {}

  /** The identifier as SQLite source: bare when safe, else double-quoted. */
  static String ident(String name) {
    if (PLAIN.matcher(name).matches() && !KEYWORDS.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A collation name: bare when it is a plain word of any case ({@code NOCASE}), else quoted. */
  static String collation(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") && !isKeyword(name) ? name : ident(name);
  }

  static boolean isKeyword(String word) {
    return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
  }

  /** Whether a default can be written without parentheses (a single literal or signed number). */
  static boolean isLiteral(String expr) {
    List<Token> t = SqliteLexer.tokenize(expr);
    if (t.size() == 1) {
      Kind k = t.get(0).kind();
      return k != Kind.PUNCT;
    }
    return t.size() == 2
        && (t.get(0).isPunct("-") || t.get(0).isPunct("+"))
        && t.get(1).kind() == Kind.NUMBER;
  }

  /** Whether the default may be used by {@code ALTER TABLE ADD COLUMN} (a constant literal). */
  static boolean isConstantDefault(String expr) {
    if (expr == null) {
      return true;
    }
    String u = expr.trim().toUpperCase(Locale.ROOT);
    return isLiteral(expr) && !u.startsWith("CURRENT_");
  }

  static String defaultClause(String expr) {
    return "DEFAULT " + (isLiteral(expr) ? expr.trim() : "(" + expr.trim() + ")");
  }

  /**
   * Whether the table's key is written inline on its column ({@code id integer PRIMARY KEY}): a
   * single ascending column (SQLite treats an inline {@code INTEGER PRIMARY KEY DESC} differently,
   * it is no rowid alias, so a descending key stays table-level).
   */
  static boolean inlinePk(Table t) {
    PrimaryKey pk = t.primaryKey();
    return pk != null
        && pk.parts().size() == 1
        && pk.parts().get(0).column() != null
        && !pk.parts().get(0).desc();
  }

  /** One column definition, as in CREATE TABLE or ADD COLUMN. */
  static String columnDef(Column c, Table t) {
    StringBuilder sb = new StringBuilder(ident(c.name()));
    if (c.type() != null && !c.type().isBlank()) {
      sb.append(' ').append(c.type().trim());
    }
    if (!c.nullable()) {
      sb.append(" NOT NULL");
    }
    if (t != null && inlinePk(t) && t.primaryKey().parts().get(0).column().equals(c.name())) {
      if (t.primaryKey().name() != null) {
        sb.append(" CONSTRAINT ").append(ident(t.primaryKey().name()));
      }
      sb.append(" PRIMARY KEY");
      if (c.autoIncrement()) {
        sb.append(" AUTOINCREMENT");
      }
    }
    if (c.defaultExpr() != null) {
      sb.append(' ').append(defaultClause(c.defaultExpr()));
    }
    if (c.collation() != null) {
      sb.append(" COLLATE ").append(collation(c.collation()));
    }
    if (c.generated() != null) {
      String kind = c.generated().kind() == null ? "VIRTUAL" : c.generated().kind();
      sb.append(" GENERATED ALWAYS AS (")
          .append(c.generated().expr())
          .append(") ")
          .append(kind.toUpperCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /**
   * {@code CREATE TABLE} for {@code t} under the name {@code name} (its own, or a temporary one).
   */
  static String createTable(Table t, String name) {
    List<String> defs = new ArrayList<>();
    for (Column c : t.columns()) {
      defs.add(columnDef(c, t));
    }
    PrimaryKey pk = t.primaryKey();
    if (pk != null && !inlinePk(t)) {
      defs.add(constraintName(pk.name()) + "PRIMARY KEY (" + parts(pk.parts()) + ")");
    }
    for (Index i : t.indexes()) {
      if (i.attrs().flag(CONSTRAINT)) {
        String cname = i.name() == null || i.name().startsWith("sqlite_") ? null : i.name();
        defs.add(constraintName(cname) + "UNIQUE (" + parts(i.parts()) + ")");
      }
    }
    for (Check c : t.checks()) {
      defs.add(constraintName(c.name()) + "CHECK (" + c.expr() + ")");
    }
    for (ForeignKey fk : t.foreignKeys()) {
      defs.add(foreignKey(fk));
    }
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(ident(name)).append(" (\n  ");
    sb.append(String.join(",\n  ", defs)).append("\n)");
    List<String> options = new ArrayList<>();
    if (t.attrs().flag("strict")) {
      options.add("STRICT");
    }
    if (t.attrs().flag("without_rowid")) {
      options.add("WITHOUT ROWID");
    }
    if (!options.isEmpty()) {
      sb.append(' ').append(String.join(", ", options));
    }
    return sb.toString();
  }

  static String foreignKey(ForeignKey fk) {
    StringBuilder sb = new StringBuilder(constraintName(fk.name()));
    sb.append("FOREIGN KEY (").append(names(fk.columns())).append(") REFERENCES ");
    sb.append(ident(fk.refTable()));
    if (!fk.refColumns().isEmpty()) {
      sb.append(" (").append(names(fk.refColumns())).append(')');
    }
    if (fk.onUpdate() != null && !fk.onUpdate().equalsIgnoreCase("NO ACTION")) {
      sb.append(" ON UPDATE ").append(fk.onUpdate());
    }
    if (fk.onDelete() != null && !fk.onDelete().equalsIgnoreCase("NO ACTION")) {
      sb.append(" ON DELETE ").append(fk.onDelete());
    }
    return sb.toString();
  }

  static String createIndex(Index i, String table) {
    StringBuilder sb = new StringBuilder("CREATE ");
    if (i.unique()) {
      sb.append("UNIQUE ");
    }
    sb.append("INDEX ").append(ident(i.name())).append(" ON ").append(ident(table));
    sb.append(" (").append(parts(i.parts())).append(')');
    if (i.where() != null) {
      sb.append(" WHERE ").append(i.where());
    }
    return sb.toString();
  }

  static String dropIndex(Index i) {
    return "DROP INDEX " + ident(i.name());
  }

  static String dropTable(String name) {
    return "DROP TABLE " + ident(name);
  }

  static String renameTable(String from, String to) {
    return "ALTER TABLE " + ident(from) + " RENAME TO " + ident(to);
  }

  static String names(List<String> names) {
    return names.stream().map(SqliteSql::ident).collect(Collectors.joining(", "));
  }

  private static String parts(List<IndexPart> parts) {
    List<String> out = new ArrayList<>();
    for (IndexPart p : parts) {
      StringBuilder sb = new StringBuilder(p.column() != null ? ident(p.column()) : p.expr());
      if (p.attrs().get("collate") != null) {
        sb.append(" COLLATE ").append(collation(p.attrs().get("collate")));
      }
      if (p.desc()) {
        sb.append(" DESC");
      }
      out.add(sb.toString());
    }
    return String.join(", ", out);
  }

  private static String constraintName(String name) {
    return name == null ? "" : "CONSTRAINT " + ident(name) + " ";
  }
}
