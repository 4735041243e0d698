package dev.strata.dialect;

import dev.strata.model.Column;

/**
 * What the generic Differ asks a dialect: whether two spellings mean the same thing in this
 * database. Defaults compare text exactly; dialects override what their catalogs normalise.
 */
public interface DiffHooks {
  /** Whether two column types are the same ("int" and "integer" in SQLite are not). */
  default boolean sameType(Column from, Column to) {
    return normalizeType(from.type()).equals(normalizeType(to.type()));
  }

  default String normalizeType(String type) {
    return type == null ? "" : type.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The name foreign key {@code name} of table {@code oldTable} has after the table is renamed to
   * {@code newTable}; by default unchanged (MySQL renames generated {@code old_ibfk_N} names).
   */
  default String foreignKeyNameAfterTableRename(String oldTable, String newTable, String name) {
    return name;
  }

  /** Whether two default expressions (either may be null) are the same. */
  default boolean sameDefault(String from, String to) {
    return java.util.Objects.equals(normalizeExpr(from), normalizeExpr(to));
  }

  /** Whether two SQL expressions (checks, index predicates, generated columns) are the same. */
  default boolean sameExpr(String from, String to) {
    return java.util.Objects.equals(normalizeExpr(from), normalizeExpr(to));
  }

  /** A canonical spelling of an expression used for comparison only; null stays null. */
  default String normalizeExpr(String expr) {
    return expr == null ? null : expr.trim();
  }

  /** Whether two view definitions are the same. */
  default boolean sameViewDefinition(String from, String to) {
    return sameExpr(from, to);
  }

  /** Whether two trigger definitions are the same. */
  default boolean sameTriggerDefinition(String from, String to) {
    return sameExpr(from, to);
  }

  /**
   * Whether the order of a table's columns is part of its definition, so that a column that moves
   * is a change ({@code ColumnChangeKind.POSITION}); MySQL can move columns, others cannot.
   */
  default boolean columnOrderMatters() {
    return false;
  }

  /** Whether identifiers compare case-insensitively in this database. */
  default boolean caseInsensitiveNames() {
    return false;
  }

  /**
   * Whether two schema objects of the same kind and name are the same; by default record equality
   * ignoring nothing. Dialects normalise routine bodies and similar here.
   */
  default boolean sameObject(dev.strata.model.SchemaObject from, dev.strata.model.SchemaObject to) {
    return from.equals(to);
  }

  /**
   * Whether the {@code comment} attr of indexes, keys and constraints changes in place
   * (PostgreSQL's {@code COMMENT ON INDEX/CONSTRAINT}) rather than by building the part again
   * (MySQL).
   */
  default boolean commentsInPlace() {
    return false;
  }
}
