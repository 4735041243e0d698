package dev.strata.gitops.report;

/** What happened to one environment in a run. */
public enum Status {
  /** A plan with changes was made and stored. */
  PLANNED("planned"),
  /** The database already matches the desired state. */
  NO_CHANGES("no changes"),
  /** The plan has lint findings the policy refuses; it cannot be applied until allowed. */
  BLOCKED("blocked by policy"),
  /** Another pull request holds the environment's lock. */
  LOCKED("locked"),
  /** An apply requirement (approvals, order of environments...) is not met. */
  NOT_READY("requirements not met"),
  /** The stored plan was applied. */
  APPLIED("applied"),
  /** The database or the desired state changed since the plan: a new plan was made instead. */
  REPLANNED("re-planned"),
  /** The database differs from the default branch's desired state. */
  DRIFT("drift"),
  /** The database matches the default branch's desired state. */
  IN_SYNC("in sync"),
  /** Not attempted because an earlier environment failed. */
  SKIPPED("skipped"),
  /** Something went wrong; the message says what. */
  ERROR("error");

  private final String word;

  Status(String word) {
    this.word = word;
  }

  /** The word shown in reports. */
  public String word() {
    return word;
  }

  /** Whether this outcome should make the command fail. */
  public boolean failed() {
    return switch (this) {
      case LOCKED, NOT_READY, REPLANNED, DRIFT, ERROR, BLOCKED -> true;
      default -> false;
    };
  }
}
