package dev.strata.project;

import dev.strata.lint.Category;
import dev.strata.lint.Policy;
import dev.strata.lint.rules.NamingRule;
import java.util.List;
import java.util.Map;

/**
 * The {@code lint { ... }} block: per category whether its errors block ({@code destructive { error
 * = false }}), the naming rules, and allowances by code or category ({@code allow = ["DS103"]}).
 */
public record LintConfig(
    Map<Category, Boolean> errors, List<NamingRule> naming, List<String> allow) {
  public static final LintConfig DEFAULT = new LintConfig(Map.of(), List.of(), List.of());

  public LintConfig {
    errors = Map.copyOf(errors);
    naming = List.copyOf(naming);
    allow = List.copyOf(allow);
  }

  /** The policy: the default, adjusted by this block, plus {@code extraAllow} (CLI flags). */
  public Policy policy(List<String> extraAllow) {
    Policy p = Policy.DEFAULT;
    for (Map.Entry<Category, Boolean> e : errors.entrySet()) {
      p = p.withError(e.getKey(), e.getValue());
    }
    return p.allowAll(allow).allowAll(extraAllow);
  }
}
