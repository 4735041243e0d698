package dev.strata.project;

import java.util.List;

/**
 * One {@code env "name" { ... }} block: the target {@code url}, the {@code dev} database URL (null
 * for the dialect's default), the desired-state sources ({@code src}, file references resolved
 * against the project directory), and the {@code schemas} and {@code exclude} patterns for
 * inspection.
 */
public record Env(
    String name,
    String url,
    String dev,
    List<String> src,
    List<String> schemas,
    List<String> exclude) {
  public Env {
    src = List.copyOf(src);
    schemas = List.copyOf(schemas);
    exclude = List.copyOf(exclude);
  }

  /** The inspection options this environment asks for. */
  public dev.strata.dialect.InspectOptions inspectOptions() {
    return new dev.strata.dialect.InspectOptions(schemas, exclude);
  }
}
