package dev.strata.source;

import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.InspectOptions;
import java.util.Map;

/**
 * What loading a desired or current state needs: the dialect, the target URL (may be null), the
 * user's {@code --dev-url} (may be null), HCL variables ({@code --var}), what to inspect, and the
 * schema of the revision log (null: the connection's default).
 */
public record LoadContext(
    Dialect dialect,
    DbUrl target,
    DbUrl devUrl,
    Map<String, String> vars,
    InspectOptions inspect,
    String revisionSchema) {
  public LoadContext {
    vars = Map.copyOf(vars);
    inspect = inspect == null ? InspectOptions.ALL : inspect;
  }

  public LoadContext(
      Dialect dialect,
      DbUrl target,
      DbUrl devUrl,
      Map<String, String> vars,
      InspectOptions inspect) {
    this(dialect, target, devUrl, vars, inspect, null);
  }
}
