package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresSql.ident;
import static dev.strata.dialect.postgres.PostgresSql.idents;
import static dev.strata.dialect.postgres.PostgresSql.literal;
import static dev.strata.dialect.postgres.PostgresSql.qualified;

import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Renders tables and their parts as PostgreSQL DDL: CREATE TABLE, columns, keys, indexes. */
final class PostgresTableSql {
  private static final Map<String, String> SERIAL =
      Map.of("integer", "serial", "bigint", "bigserial", "smallint", "smallserial");

  private PostgresTableSql() {}

  /**
   * {@code CREATE TABLE} with its columns, primary key, unique and check constraints and the
   * foreign keys {@code inlineFk} accepts (the others are added once all tables exist).
   */
  static String create(String schema, Table t, Predicate<ForeignKey> inlineFk) {
    Attrs a = t.attrs();
    StringBuilder sb = new StringBuilder("CREATE ");
    if (a.flag(PostgresAttrs.UNLOGGED)) {
      sb.append("UNLOGGED ");
    }
    sb.append("TABLE ").append(qualified(schema, t.name()));
    List<String> defs = new ArrayList<>();
    String parent = a.get(PostgresAttrs.PARTITION_OF);
    if (parent == null) {
      for (Column c : t.columns()) {
        defs.add(column(c));
      }
    }
    if (t.primaryKey() != null) {
      defs.add(primaryKey(t.primaryKey()));
    }
    for (Index i : t.indexes()) {
      if (i.attrs().flag(PostgresAttrs.CONSTRAINT)) {
        defs.add(uniqueConstraint(i));
      }
    }
    for (Check c : t.checks()) {
      if (!c.attrs().flag(PostgresAttrs.NOT_VALID)) {
        defs.add(check(c));
      }
    }
    for (ForeignKey fk : t.foreignKeys()) {
      if (inlineFk.test(fk) && !fk.attrs().flag(PostgresAttrs.NOT_VALID)) {
        defs.add(foreignKey(schema, fk));
      }
    }
    if (parent != null) {
      sb.append(" PARTITION OF ").append(parent);
      if (!defs.isEmpty()) {
        sb.append(" (\n  ").append(String.join(",\n  ", defs)).append("\n)");
      }
      sb.append(' ').append(a.get(PostgresAttrs.PARTITION_BOUND));
    } else {
      sb.append(" (\n  ").append(String.join(",\n  ", defs)).append("\n)");
    }
    if (a.get(PostgresAttrs.PARTITION_BY) != null) {
      sb.append(" PARTITION BY ").append(a.get(PostgresAttrs.PARTITION_BY));
    }
    if (a.get(PostgresAttrs.WITH) != null) {
      sb.append(" WITH (").append(a.get(PostgresAttrs.WITH)).append(')');
    }
    return sb.toString();
  }

  /** Whether a foreign key may be written inside its table's CREATE TABLE. */
  static boolean inlineable(ForeignKey fk) {
    return !fk.attrs().flag(PostgresAttrs.NOT_VALID);
  }

  /** A column definition: name, type, collation, generated/identity, default, NOT NULL. */
  static String column(Column c) {
    StringBuilder sb = new StringBuilder(ident(c.name())).append(' ');
    String type = c.type();
    if (c.autoIncrement() && SERIAL.containsKey(PostgresNormalizer.type(type))) {
      type = SERIAL.get(PostgresNormalizer.type(type));
    }
    sb.append(type);
    if (c.collation() != null) {
      sb.append(" COLLATE ").append(c.collation());
    }
    if (c.generated() != null) {
      sb.append(" GENERATED ALWAYS AS (").append(c.generated().expr()).append(") STORED");
    }
    String identity = c.attrs().get(PostgresAttrs.IDENTITY);
    if (identity != null) {
      sb.append(" GENERATED ").append(identity).append(" AS IDENTITY").append(identityOptions(c));
    }
    if (c.defaultExpr() != null) {
      sb.append(" DEFAULT ").append(c.defaultExpr());
    }
    if (!c.nullable()) {
      sb.append(" NOT NULL");
    }
    return sb.toString();
  }

  static String identityOptions(Column c) {
    String start = c.attrs().get(PostgresAttrs.IDENTITY_START);
    String inc = c.attrs().get(PostgresAttrs.IDENTITY_INCREMENT);
    String min = c.attrs().get(PostgresAttrs.IDENTITY_MIN);
    String max = c.attrs().get(PostgresAttrs.IDENTITY_MAX);
    if (start == null && inc == null && min == null && max == null) {
      return "";
    }
    List<String> opts = new ArrayList<>();
    if (min != null) {
      opts.add("MINVALUE " + min);
    }
    if (max != null) {
      opts.add("MAXVALUE " + max);
    }
    if (start != null) {
      opts.add("START WITH " + start);
    }
    if (inc != null) {
      opts.add("INCREMENT BY " + inc);
    }
    return " (" + String.join(" ", opts) + ")";
  }

  static String primaryKey(PrimaryKey pk) {
    return (pk.name() == null ? "" : "CONSTRAINT " + ident(pk.name()) + " ")
        + "PRIMARY KEY ("
        + idents(pk.columnNames())
        + ")";
  }

  static String uniqueConstraint(Index i) {
    StringBuilder sb = new StringBuilder("CONSTRAINT ").append(ident(i.name())).append(" UNIQUE ");
    if (i.attrs().flag(PostgresAttrs.NULLS_NOT_DISTINCT)) {
      sb.append("NULLS NOT DISTINCT ");
    }
    sb.append('(').append(idents(i.parts().stream().map(IndexPart::column).toList())).append(')');
    if (i.attrs().get(PostgresAttrs.INCLUDE) != null) {
      sb.append(" INCLUDE (").append(i.attrs().get(PostgresAttrs.INCLUDE)).append(')');
    }
    return sb.append(deferrable(i.attrs())).toString();
  }

  static String check(Check c) {
    if (c.attrs().flag(PostgresAttrs.EXCLUSION)) {
      return "CONSTRAINT " + ident(c.name()) + " " + c.expr();
    }
    return (c.name() == null ? "" : "CONSTRAINT " + ident(c.name()) + " ")
        + "CHECK ("
        + c.expr()
        + ")"
        + (c.attrs().flag(PostgresAttrs.NO_INHERIT) ? " NO INHERIT" : "")
        + (c.attrs().flag(PostgresAttrs.NOT_VALID) ? " NOT VALID" : "");
  }

  static String foreignKey(String schema, ForeignKey fk) {
    StringBuilder sb = new StringBuilder();
    if (fk.name() != null) {
      sb.append("CONSTRAINT ").append(ident(fk.name())).append(' ');
    }
    sb.append("FOREIGN KEY (")
        .append(idents(fk.columns()))
        .append(") REFERENCES ")
        .append(qualified(fk.refSchema() == null ? schema : fk.refSchema(), fk.refTable()))
        .append(" (")
        .append(idents(fk.refColumns()))
        .append(')');
    if (fk.onUpdate() != null && !fk.onUpdate().equals("NO ACTION")) {
      sb.append(" ON UPDATE ").append(fk.onUpdate());
    }
    if (fk.onDelete() != null && !fk.onDelete().equals("NO ACTION")) {
      sb.append(" ON DELETE ").append(fk.onDelete());
    }
    sb.append(deferrable(fk.attrs()));
    if (fk.attrs().flag(PostgresAttrs.NOT_VALID)) {
      sb.append(" NOT VALID");
    }
    return sb.toString();
  }

  private static String deferrable(Attrs a) {
    String d = a.get(PostgresAttrs.DEFERRABLE);
    return d == null ? "" : " DEFERRABLE " + d;
  }

  /** {@code CREATE INDEX} for an index that is not a constraint. */
  static String createIndex(String schema, String table, Index i) {
    return createIndex(schema, table, i, false);
  }

  /** {@code CREATE INDEX}, with {@code CONCURRENTLY} when asked. */
  static String createIndex(String schema, String table, Index i, boolean concurrently) {
    Attrs a = i.attrs();
    StringBuilder sb = new StringBuilder("CREATE ");
    if (i.unique()) {
      sb.append("UNIQUE ");
    }
    sb.append(concurrently ? "INDEX CONCURRENTLY " : "INDEX ")
        .append(ident(i.name()))
        .append(" ON ")
        .append(qualified(schema, table));
    if (a.get(PostgresAttrs.METHOD) != null) {
      sb.append(" USING ").append(a.get(PostgresAttrs.METHOD));
    }
    List<String> parts = new ArrayList<>();
    for (IndexPart p : i.parts()) {
      StringBuilder ps =
          new StringBuilder(p.column() != null ? ident(p.column()) : "(" + p.expr() + ")");
      if (p.attrs().get(PostgresAttrs.COLLATE) != null) {
        ps.append(" COLLATE ").append(p.attrs().get(PostgresAttrs.COLLATE));
      }
      if (p.attrs().get(PostgresAttrs.OPCLASS) != null) {
        ps.append(' ').append(p.attrs().get(PostgresAttrs.OPCLASS));
      }
      if (p.desc()) {
        ps.append(" DESC");
      }
      if (p.attrs().flag(PostgresAttrs.NULLS_FIRST)) {
        ps.append(" NULLS FIRST");
      }
      if (p.attrs().flag(PostgresAttrs.NULLS_LAST)) {
        ps.append(" NULLS LAST");
      }
      parts.add(ps.toString());
    }
    sb.append(" (").append(String.join(", ", parts)).append(')');
    if (a.get(PostgresAttrs.INCLUDE) != null) {
      sb.append(" INCLUDE (").append(a.get(PostgresAttrs.INCLUDE)).append(')');
    }
    if (a.flag(PostgresAttrs.NULLS_NOT_DISTINCT)) {
      sb.append(" NULLS NOT DISTINCT");
    }
    if (a.get(PostgresAttrs.WITH) != null) {
      sb.append(" WITH (").append(a.get(PostgresAttrs.WITH)).append(')');
    }
    if (i.where() != null) {
      sb.append(" WHERE ").append(i.where());
    }
    return sb.toString();
  }

  static String dropIndex(String schema, Index i) {
    return dropIndex(schema, i, false);
  }

  /** {@code DROP INDEX}, with {@code CONCURRENTLY} when asked. */
  static String dropIndex(String schema, Index i, boolean concurrently) {
    return (concurrently ? "DROP INDEX CONCURRENTLY " : "DROP INDEX ")
        + qualified(schema, i.name());
  }

  static String commentOnTable(String schema, Table t, String comment) {
    return "COMMENT ON TABLE " + qualified(schema, t.name()) + " IS " + commentText(comment);
  }

  static String commentOnColumn(String schema, String table, String column, String comment) {
    return "COMMENT ON COLUMN "
        + qualified(schema, table)
        + "."
        + ident(column)
        + " IS "
        + commentText(comment);
  }

  static String commentText(String comment) {
    return comment == null || comment.isEmpty() ? "NULL" : literal(comment);
  }

  /** The name of an index, key or constraint of the model, or null for an unnamed one. */
  static String partName(Object part) {
    if (part instanceof Index i) {
      return i.name();
    } else if (part instanceof PrimaryKey pk) {
      return pk.name();
    } else if (part instanceof ForeignKey fk) {
      return fk.name();
    } else if (part instanceof Check c) {
      return c.name();
    }
    throw new IllegalArgumentException("not an index or constraint: " + part);
  }

  /** The comment of an index, key or constraint (attr {@code comment}), or null. */
  static String partComment(Object part) {
    Attrs a =
        part instanceof Index i
            ? i.attrs()
            : part instanceof PrimaryKey pk
                ? pk.attrs()
                : part instanceof ForeignKey fk ? fk.attrs() : ((Check) part).attrs();
    String c = a.get(PostgresAttrs.COMMENT);
    return c == null || c.isEmpty() ? null : c;
  }

  /**
   * {@code COMMENT ON INDEX} for a plain index, {@code COMMENT ON CONSTRAINT ... ON table} for a
   * primary key, unique or exclusion constraint, foreign key or check.
   */
  static String commentOnPart(String schema, String table, Object part, String comment) {
    String name = partName(part);
    if (part instanceof Index i && !i.attrs().flag(PostgresAttrs.CONSTRAINT)) {
      return "COMMENT ON INDEX " + qualified(schema, name) + " IS " + commentText(comment);
    }
    return "COMMENT ON CONSTRAINT "
        + ident(name)
        + " ON "
        + qualified(schema, table)
        + " IS "
        + commentText(comment);
  }
}
