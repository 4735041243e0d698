package dev.strata.gitops.store;

/**
 * A lock on one environment of one project, held by a pull request ({@code pr} > 0) or, outside
 * pull requests, by a commit; with who took it and when.
 */
public record EnvLock(
    String project, String env, int pr, String commit, String actor, String acquiredAt) {

  /** Whether the lock belongs to this pull request or (without one) this commit. */
  public boolean heldBy(int pr, String commit) {
    return pr > 0 ? this.pr == pr : this.pr == 0 && this.commit.equals(commit);
  }

  /** "PR #1 (commit abc1234, by alice, since 2025-01-01T10:00:00Z)". */
  public String describe() {
    String c = commit.substring(0, Math.min(7, commit.length()));
    return (pr > 0 ? "PR #" + pr + " (commit " + c : "commit " + c + " (")
        + (pr > 0 ? ", " : "")
        + "by "
        + actor
        + ", since "
        + toSeconds(acquiredAt)
        + ")";
  }

  /** "2025-01-01T10:00:00.123456789Z" as "2025-01-01T10:00:00Z": people read seconds. */
  static String toSeconds(String instant) {
    try {
      return java.time.Instant.parse(instant)
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          .toString();
    } catch (java.time.format.DateTimeParseException e) {
      return instant;
    }
  }
}
