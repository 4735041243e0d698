package dev.strata.gitops.store;

import dev.strata.plan.PlanFile;

/**
 * A plan stored for a pull request ({@code pr} 0 for a plan made on a commit outside one), the head
 * commit it was made at, a project and an environment. {@code status} is {@code planned}, {@code
 * applied}, {@code failed} or {@code stale} (superseded because the database or the desired state
 * moved on).
 */
public record StoredPlan(
    String id,
    String runId,
    int pr,
    String head,
    String project,
    String env,
    PlanFile plan,
    String status,
    String createdAt,
    String appliedAt) {

  public static final String PLANNED = "planned";
  public static final String APPLIED = "applied";
  public static final String FAILED = "failed";
  public static final String STALE = "stale";

  /** Who this plan belongs to, for people: "PR #3" or "commit abc1234". */
  public String owner() {
    return pr > 0 ? "PR #" + pr : "commit " + head.substring(0, Math.min(7, head.length()));
  }
}
