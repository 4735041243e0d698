package dev.strata.model;

import java.util.List;

/**
 * A foreign key. {@code refSchema} may be null for "same schema"; actions are upper-case SQL words
 * ("CASCADE", "SET NULL", "NO ACTION", ...), null meaning the dialect default (NO ACTION).
 */
public record ForeignKey(
    String name,
    List<String> columns,
    String refSchema,
    String refTable,
    List<String> refColumns,
    String onUpdate,
    String onDelete,
    Attrs attrs) {
  public ForeignKey {
    columns = List.copyOf(columns);
    refColumns = List.copyOf(refColumns);
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }
}
