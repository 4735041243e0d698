package dev.strata.model;

/** A view: its name and its defining query ({@code SELECT ...}, without {@code CREATE VIEW}). */
public record View(String name, String definition, String comment, Attrs attrs) {
  public View {
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }
}
