package dev.strata.model;

import java.util.List;
import java.util.Optional;

/**
 * A named schema (a PostgreSQL schema, a MySQL database, SQLite's {@code main}) with its tables,
 * views, triggers and other objects (sequences, types, routines, extensions).
 */
public record Schema(
    String name,
    List<Table> tables,
    List<View> views,
    List<Trigger> triggers,
    List<SchemaObject> objects,
    Attrs attrs) {
  public Schema {
    tables = List.copyOf(tables);
    views = List.copyOf(views);
    triggers = List.copyOf(triggers);
    objects = List.copyOf(objects);
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }

  /** A schema without sequences, types, routines or extensions. */
  public Schema(
      String name, List<Table> tables, List<View> views, List<Trigger> triggers, Attrs attrs) {
    this(name, tables, views, triggers, List.of(), attrs);
  }

  public Schema(String name, List<Table> tables) {
    this(name, tables, List.of(), List.of(), List.of(), Attrs.EMPTY);
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<View> view(String name) {
    return views.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public Optional<Trigger> trigger(String name) {
    return triggers.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The object of the given kind and name. */
  public Optional<SchemaObject> object(String kind, String name) {
    return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
  }
}
