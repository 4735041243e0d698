package dev.strata.dialect;

import java.util.List;

/**
 * What to inspect: {@code schemas} restricts to these names (empty: all the connection's schemas);
 * {@code exclude} are glob patterns ({@code "tmp_*"}, {@code "main.audit_*"}) of objects to skip.
 */
public record InspectOptions(List<String> schemas, List<String> exclude) {
  public static final InspectOptions ALL = new InspectOptions(List.of(), List.of());

  public InspectOptions {
    schemas = List.copyOf(schemas);
    exclude = List.copyOf(exclude);
  }
}
