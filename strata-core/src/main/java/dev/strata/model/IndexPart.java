package dev.strata.model;

/**
 * One part of an index key: a column name or an expression (exactly one is non-null), its order,
 * and dialect extras (collation, prefix length, operator class).
 */
public record IndexPart(String column, String expr, boolean desc, Attrs attrs) {
  public IndexPart {
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }

  public static IndexPart column(String name) {
    return new IndexPart(name, null, false, Attrs.EMPTY);
  }
}
