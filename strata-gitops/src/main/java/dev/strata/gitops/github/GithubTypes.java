package dev.strata.gitops.github;

import java.util.Locale;

/** The values {@link GithubClient} sends and receives, reduced to what Strata uses. */
public final class GithubTypes {
  private GithubTypes() {}

  /** A pull-request (issue) conversation comment. */
  public record IssueComment(long id, String body, String author, String authorType) {}

  /** The state of a commit status. */
  public enum StatusState {
    PENDING,
    SUCCESS,
    FAILURE,
    ERROR;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A commit status; GitHub keeps one per {@code context} (e.g. {@code strata/plan: production}),
   * so posting again with the same context replaces it. Descriptions over 140 characters are cut.
   */
  public record CommitStatus(
      StatusState state, String context, String description, String targetUrl) {
    public CommitStatus {
      if (description != null && description.length() > 140) {
        description = description.substring(0, 139) + "…";
      }
    }

    /** The status context Strata uses for one environment's plan. */
    public static String planContext(String env) {
      return "strata/plan: " + env;
    }
  }

  /** The lifecycle state of a check run. */
  public enum CheckStatus {
    QUEUED,
    IN_PROGRESS,
    COMPLETED
  }

  /** How a completed check run ended. */
  public enum CheckConclusion {
    SUCCESS,
    FAILURE,
    NEUTRAL,
    CANCELLED,
    SKIPPED,
    TIMED_OUT,
    ACTION_REQUIRED
  }

  /**
   * A check run (GitHub Apps only): a name such as {@code strata/plan: production}, the commit, its
   * status, the conclusion once completed (null before), and an output title and Markdown summary
   * (both null for none).
   */
  public record CheckRun(
      String name,
      String headSha,
      CheckStatus status,
      CheckConclusion conclusion,
      String title,
      String summary,
      String detailsUrl) {}

  /**
   * A user's permission on a repository, from weakest to strongest. GitHub's legacy field reports
   * maintain as write and triage as read; {@link #of} also accepts the role names.
   */
  public enum Permission {
    NONE,
    READ,
    TRIAGE,
    WRITE,
    MAINTAIN,
    ADMIN;

    /** Parses a {@code permission} or {@code role_name} value; unknown names are NONE. */
    public static Permission of(String name) {
      if (name == null) {
        return NONE;
      }
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "admin" -> ADMIN;
        case "maintain" -> MAINTAIN;
        case "write", "push" -> WRITE;
        case "triage" -> TRIAGE;
        case "read", "pull" -> READ;
        default -> NONE;
      };
    }

    /** True when this permission is at least {@code required}. */
    public boolean atLeast(Permission required) {
      return compareTo(required) >= 0;
    }
  }

  /** A pull-request review; {@code state} is upper case as REST returns it (APPROVED, ...). */
  public record Review(long id, String user, String state, String commitId) {
    public boolean approved() {
      return "APPROVED".equals(state);
    }
  }

  /** The state of a pull request; {@code mergeable} is null while GitHub is still computing it. */
  public record PullRequestInfo(
      int number,
      String state,
      boolean draft,
      boolean merged,
      Boolean mergeable,
      String headRef,
      String headSha,
      String baseRef,
      String mergeCommitSha) {}
}
