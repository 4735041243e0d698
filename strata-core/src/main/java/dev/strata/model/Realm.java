package dev.strata.model;

import java.util.List;
import java.util.Optional;

/** Everything one database connection can see: a list of schemas. */
public record Realm(List<Schema> schemas) {
  public Realm {
    schemas = List.copyOf(schemas);
  }

  public Optional<Schema> schema(String name) {
    return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
