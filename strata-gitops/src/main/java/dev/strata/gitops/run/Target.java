package dev.strata.gitops.run;

import dev.strata.project.DiffConfig;
import dev.strata.project.Env;
import dev.strata.project.LintConfig;
import java.util.List;

/**
 * One environment of one project as it is at a commit: its {@code strata.hcl} env (sources read
 * from the commit, the database URL as the runner sees it), the envs that must be applied before
 * it, and the project's lint and diff settings.
 */
public record Target(
    String project, String dir, Env env, List<String> after, LintConfig lint, DiffConfig diff) {
  public Target {
    after = List.copyOf(after);
  }

  /** "db/dev". */
  public String key() {
    return project + "/" + env.name();
  }
}
