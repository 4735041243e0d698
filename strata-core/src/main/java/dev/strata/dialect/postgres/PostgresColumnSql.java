package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.literal;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.dialect.postgres.PostgresSteps.Phase;
import dev.strata.model.Column;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code ALTER COLUMN} statements for one changed column. A type or collation change casts with
 * {@code USING col::type} and drops and restores the default around it; a new generation expression
 * re-adds the column (PostgreSQL cannot alter one); serial columns gain or lose their owned
 * sequence; identity columns are added, dropped or switched between ALWAYS and BY DEFAULT.
 */
final class PostgresColumnSql {
  private final PostgresSteps steps;
  private final String schema;
  private final String table;
  private final String alter;

  PostgresColumnSql(PostgresSteps steps, String schema, String table) {
    this.steps = steps;
    this.schema = schema;
    this.table = table;
    this.alter = "ALTER TABLE " + qualified(schema, table) + " ";
  }

  private void step(String sql, String reverse, String what, Column c) {
    steps.add(
        Phase.ALTER_TABLES,
        alter + sql,
        reverse == null ? null : alter + reverse,
        what + " " + table + "." + c.name());
  }

  void modify(Column from, Column to, Set<ColumnChangeKind> kinds) {
    String col = "ALTER COLUMN " + ident(to.name()) + " ";
    if (kinds.contains(ColumnChangeKind.GENERATED)) {
      if (from.generated() != null && to.generated() == null) {
        step(col + "DROP EXPRESSION", null, "drop generation expression of", to);
      } else {
        step(
            "DROP COLUMN " + ident(from.name()),
            "ADD COLUMN " + PostgresTableSql.column(from),
            "re-create generated column (drop)",
            from);
        step(
            "ADD COLUMN " + PostgresTableSql.column(to),
            "DROP COLUMN " + ident(to.name()),
            "re-create generated column (add)",
            to);
        return;
      }
    }
    boolean retype =
        kinds.contains(ColumnChangeKind.TYPE) || kinds.contains(ColumnChangeKind.COLLATION);
    boolean hadDefault = from.defaultExpr() != null || from.autoIncrement();
    if (retype && from.defaultExpr() != null) {
      step(col + "DROP DEFAULT", col + "SET DEFAULT " + from.defaultExpr(), "drop default of", to);
    }
    if (retype) {
      step(
          col + "TYPE " + typeWithCollation(to) + " USING " + cast(to.name(), from, to),
          col + "TYPE " + typeWithCollation(from) + " USING " + cast(from.name(), to, from),
          "change type of",
          to);
    }
    if (!to.autoIncrement()
        && (kinds.contains(ColumnChangeKind.DEFAULT) || (retype && from.defaultExpr() != null))) {
      if (to.defaultExpr() != null) {
        step(
            col + "SET DEFAULT " + to.defaultExpr(),
            from.defaultExpr() == null
                ? col + "DROP DEFAULT"
                : col + "SET DEFAULT " + from.defaultExpr(),
            "set default of",
            to);
      } else if (hadDefault && !from.autoIncrement() && !retype) {
        step(
            col + "DROP DEFAULT", col + "SET DEFAULT " + from.defaultExpr(), "drop default of", to);
      }
    }
    if (kinds.contains(ColumnChangeKind.AUTO_INCREMENT)) {
      serial(from, to, col);
    }
    boolean identityGoes =
        from.attrs().get(PostgresAttrs.IDENTITY) != null
            && to.attrs().get(PostgresAttrs.IDENTITY) == null;
    if (kinds.contains(ColumnChangeKind.ATTRS) && identityGoes) {
      identity(from, to, col); // an identity column must stay NOT NULL while it is one
    }
    if (kinds.contains(ColumnChangeKind.NULL)) {
      step(
          col + (to.nullable() ? "DROP NOT NULL" : "SET NOT NULL"),
          col + (to.nullable() ? "SET NOT NULL" : "DROP NOT NULL"),
          to.nullable() ? "allow null in" : "forbid null in",
          to);
    }
    if (kinds.contains(ColumnChangeKind.ATTRS) && !identityGoes) {
      identity(from, to, col);
    }
    if (kinds.contains(ColumnChangeKind.COMMENT)) {
      steps.add(
          Phase.ALTER_TABLES,
          PostgresTableSql.commentOnColumn(schema, table, to.name(), to.comment()),
          PostgresTableSql.commentOnColumn(schema, table, to.name(), from.comment()),
          "comment on column " + table + "." + to.name());
    }
  }

  private static final java.util.Set<String> BUILTIN =
      java.util.Set.of(
          "smallint",
          "integer",
          "bigint",
          "numeric",
          "real",
          "double precision",
          "text",
          "character varying",
          "character",
          "boolean",
          "date",
          "timestamp without time zone",
          "timestamp with time zone",
          "time without time zone",
          "time with time zone",
          "interval",
          "uuid",
          "json",
          "jsonb",
          "bytea",
          "inet",
          "cidr",
          "money",
          "xml");

  /**
   * {@code col::type}, or {@code col::text::type} when either side is a user-defined type (an enum
   * converts to another enum, or from text, only through text).
   */
  private static String cast(String column, Column from, Column to) {
    String a = PostgresNormalizer.type(from.type()).replaceAll("\\(.*\\)|\\[\\]", "");
    String b = PostgresNormalizer.type(to.type()).replaceAll("\\(.*\\)|\\[\\]", "");
    boolean viaText = !BUILTIN.contains(a) || !BUILTIN.contains(b);
    return ident(column) + (viaText ? "::text::" : "::") + to.type();
  }

  private static String typeWithCollation(Column c) {
    return c.type() + (c.collation() == null ? "" : " COLLATE " + c.collation());
  }

  /** The name PostgreSQL gives a serial column's sequence (without its collision suffixes). */
  private String serialSequence(Column c) {
    return qualified(schema, PostgresSql.truncate(table + "_" + c.name() + "_seq"));
  }

  private void serial(Column from, Column to, String col) {
    String seq = serialSequence(to);
    if (to.autoIncrement()) {
      String type = PostgresNormalizer.type(to.type());
      steps.add(
          Phase.ALTER_TABLES,
          "CREATE SEQUENCE "
              + seq
              + (type.equals("bigint") ? "" : " AS " + type)
              + " OWNED BY "
              + qualified(schema, table)
              + "."
              + ident(to.name()),
          "DROP SEQUENCE " + seq,
          "create sequence of serial column " + table + "." + to.name());
      step(
          col + "SET DEFAULT nextval(" + literal(seq) + "::regclass)",
          col + "DROP DEFAULT",
          "make serial",
          to);
    } else {
      step(col + "DROP DEFAULT", null, "stop serial", to);
      steps.add(
          Phase.ALTER_TABLES,
          "DROP SEQUENCE IF EXISTS " + seq,
          null,
          "drop sequence of former serial column " + table + "." + to.name());
      if (to.defaultExpr() != null) {
        step(col + "SET DEFAULT " + to.defaultExpr(), col + "DROP DEFAULT", "set default of", to);
      }
    }
  }

  private void identity(Column from, Column to, String col) {
    String f = from.attrs().get(PostgresAttrs.IDENTITY);
    String t = to.attrs().get(PostgresAttrs.IDENTITY);
    if (f == null && t != null) {
      step(
          col + "ADD GENERATED " + t + " AS IDENTITY" + PostgresTableSql.identityOptions(to),
          col + "DROP IDENTITY",
          "make identity",
          to);
    } else if (f != null && t == null) {
      step(
          col + "DROP IDENTITY",
          col + "ADD GENERATED " + f + " AS IDENTITY",
          "drop identity of",
          to);
    } else if (f != null) {
      StringBuilder sb = new StringBuilder(col);
      if (!f.equals(t)) {
        sb.append("SET GENERATED ").append(t).append(' ');
      }
      String inc = to.attrs().get(PostgresAttrs.IDENTITY_INCREMENT);
      String min = to.attrs().get(PostgresAttrs.IDENTITY_MIN);
      String max = to.attrs().get(PostgresAttrs.IDENTITY_MAX);
      boolean descending = inc != null && inc.startsWith("-");
      if (changed(from, to, PostgresAttrs.IDENTITY_INCREMENT)) {
        sb.append("SET INCREMENT BY ").append(inc == null ? "1" : inc).append(' ');
      }
      if (changed(from, to, PostgresAttrs.IDENTITY_MIN)) {
        sb.append(min == null ? "SET NO MINVALUE " : "SET MINVALUE " + min + " ");
      }
      if (changed(from, to, PostgresAttrs.IDENTITY_MAX)) {
        sb.append(max == null ? "SET NO MAXVALUE " : "SET MAXVALUE " + max + " ");
      }
      if (changed(from, to, PostgresAttrs.IDENTITY_START)
          || changed(from, to, PostgresAttrs.IDENTITY_MIN)
          || changed(from, to, PostgresAttrs.IDENTITY_MAX)) {
        String start = to.attrs().get(PostgresAttrs.IDENTITY_START);
        String dflt = descending ? (max == null ? "-1" : max) : (min == null ? "1" : min);
        sb.append("SET START WITH ").append(start == null ? dflt : start);
      }
      if (!sb.toString().equals(col)) {
        step(sb.toString().strip(), null, "change identity of", to);
      }
    }
  }

  private static boolean changed(Column from, Column to, String key) {
    return !Objects.equals(from.attrs().get(key), to.attrs().get(key));
  }
}
