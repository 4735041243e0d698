package dev.strata.model;

import java.util.List;
import java.util.Optional;

/** A table. {@code primaryKey} is null when the table has none. */
public record Table(
    String name,
    List<Column> columns,
    PrimaryKey primaryKey,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    List<Check> checks,
    String comment,
    Attrs attrs) {
  public Table {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
    checks = List.copyOf(checks);
    attrs = attrs == null ? Attrs.EMPTY : attrs;
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<Index> index(String name) {
    return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  public Table withColumns(List<Column> cols) {
    return new Table(name, cols, primaryKey, indexes, foreignKeys, checks, comment, attrs);
  }

  public Table withIndexes(List<Index> idx) {
    return new Table(name, columns, primaryKey, idx, foreignKeys, checks, comment, attrs);
  }

  public Table withName(String newName) {
    return new Table(newName, columns, primaryKey, indexes, foreignKeys, checks, comment, attrs);
  }
}
