package dev.strata.project;

import dev.strata.InputException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A decoded {@code strata.hcl}: its directory, its environments by name, lint and diff settings.
 */
public record Project(Path dir, Map<String, Env> envs, LintConfig lint, DiffConfig diff) {
  public Project {
    envs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(envs));
  }

  /** The named environment; an input error listing the known ones when absent. */
  public Env env(String name) {
    Env e = envs.get(name);
    if (e == null) {
      throw new InputException(
          "no env \""
              + name
              + "\" in the project file (have: "
              + String.join(", ", envs.keySet())
              + ")");
    }
    return e;
  }
}
