package dev.strata.model;

import java.util.List;

/**
 * A primary key; {@code name} may be null when the database does not name it. {@code attrs} holds
 * dialect extras (PostgreSQL's constraint {@code comment}).
 */
public record PrimaryKey(String name, List<IndexPart> parts, Attrs attrs) {
  public PrimaryKey {
    parts = List.copyOf(parts);
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }

  public PrimaryKey(String name, List<IndexPart> parts) {
    this(name, parts, Attrs.EMPTY);
  }

  public List<String> columnNames() {
    return parts.stream().map(IndexPart::column).toList();
  }
}
