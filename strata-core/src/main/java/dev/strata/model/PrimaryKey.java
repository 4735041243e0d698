package dev.strata.model;

import java.util.List;

/** A primary key; {@code name} may be null when the database does not name it. */
public record PrimaryKey(String name, List<IndexPart> parts) {
  public PrimaryKey {
    parts = List.copyOf(parts);
  }

  public List<String> columnNames() {
    return parts.stream().map(IndexPart::column).toList();
  }
}
