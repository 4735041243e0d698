package dev.strata.gitops.report;

import dev.strata.lint.Policy;
import dev.strata.plan.PlanFile;
import java.util.List;

/**
 * The outcome of one environment of one project in a run: its status, the plan involved (null when
 * none was made), the stored plan's id, the lint policy it was judged by, a message for people
 * (masked), and the output of its hooks.
 */
public record EnvResult(
    String project,
    String env,
    Status status,
    PlanFile plan,
    String planId,
    Policy policy,
    String message,
    List<String> hooks) {
  public EnvResult {
    hooks = List.copyOf(hooks);
    message = dev.strata.dialect.DbUrl.mask(message);
  }

  /** A result without a plan. */
  public static EnvResult of(String project, String env, Status status, String message) {
    return new EnvResult(project, env, status, null, null, null, message, List.of());
  }

  /** This result with another status and message, keeping the plan. */
  public EnvResult with(Status status, String message) {
    return new EnvResult(project, env, status, plan, planId, policy, message, hooks);
  }

  /** This result with hook output appended. */
  public EnvResult withHooks(List<String> more) {
    List<String> all = new java.util.ArrayList<>(hooks);
    all.addAll(more);
    return new EnvResult(project, env, status, plan, planId, policy, message, all);
  }

  /** The number of statements of the plan (0 without one). */
  public int changes() {
    return plan == null ? 0 : plan.statements().size();
  }
}
