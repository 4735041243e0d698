package dev.strata.model;

/** A CHECK constraint; {@code name} may be null for an unnamed one. */
public record Check(String name, String expr, Attrs attrs) {
  public Check {
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }
}
