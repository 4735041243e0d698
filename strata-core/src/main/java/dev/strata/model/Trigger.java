package dev.strata.model;

/**
 * A trigger on a table or view. {@code definition} is the full {@code CREATE TRIGGER} statement as
 * the database stores it.
 */
public record Trigger(String name, String table, String definition, Attrs attrs) {
  public Trigger {
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }
}
