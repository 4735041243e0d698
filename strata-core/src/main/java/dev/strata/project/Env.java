package dev.strata.project;

import java.util.List;

/**
 * One {@code env "name" { ... }} block: the target {@code url}, the {@code dev} database URL (null
 * for the dialect's default), the desired-state sources ({@code src}, file references resolved
 * against the project directory), the {@code schemas} and {@code exclude} patterns for inspection,
 * and the schema (PostgreSQL) or database (MySQL) of the {@code strata_schema_revisions} history
 * ({@code revisions_schema}; null: the connection's own).
 */
public record Env(
    String name,
    String url,
    String dev,
    List<String> src,
    List<String> schemas,
    List<String> exclude,
    String revisionsSchema) {
  public Env {
    src = List.copyOf(src);
    schemas = List.copyOf(schemas);
    exclude = List.copyOf(exclude);
  }

  /** An environment that keeps its history in the connection's own schema. */
  public Env(
      String name,
      String url,
      String dev,
      List<String> src,
      List<String> schemas,
      List<String> exclude) {
    this(name, url, dev, src, schemas, exclude, null);
  }

  /** The same environment with another url and dev url (as resolved at run time). */
  public Env withUrls(String newUrl, String newDev) {
    return new Env(name, newUrl, newDev, src, schemas, exclude, revisionsSchema);
  }

  /** The inspection options this environment asks for. */
  public dev.strata.dialect.InspectOptions inspectOptions() {
    return new dev.strata.dialect.InspectOptions(schemas, exclude);
  }
}
