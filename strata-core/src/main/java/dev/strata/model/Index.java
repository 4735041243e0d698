package dev.strata.model;

import java.util.List;

/** An index or a unique constraint; {@code where} is the predicate of a partial index or null. */
public record Index(String name, boolean unique, List<IndexPart> parts, String where, Attrs attrs) {
  public Index {
    parts = List.copyOf(parts);
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }
}
