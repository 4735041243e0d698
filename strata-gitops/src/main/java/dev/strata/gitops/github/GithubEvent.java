package dev.strata.gitops.github;

import java.util.List;

/**
 * A webhook delivery that Strata understands, parsed by {@link GithubEvents}. Deliveries Strata has
 * no use for become an {@link Ignored} with the reason, so a dispatcher switches over a closed set.
 */
public sealed interface GithubEvent {

  /** The repository the event is about, or null (an organisation ping, an installation). */
  Repo repo();

  /** The GitHub App installation that sent the event, or 0 when delivered by a plain webhook. */
  long installationId();

  /**
   * Events with equal keys are processed one after the other in arrival order; different keys run
   * in parallel. Everything about one pull request shares the key {@code owner/repo#number}.
   */
  default String orderingKey() {
    return repo() == null ? "-" : repo().fullName();
  }

  /** A repository: owner login, name and default branch. */
  record Repo(String owner, String name, String defaultBranch) {
    public String fullName() {
      return owner + "/" + name;
    }

    /** The ordering key of one pull request in this repository. */
    public String pullKey(int number) {
      return fullName() + "#" + number;
    }
  }

  /** The parts of a pull request the pipeline needs. */
  record PullRequest(
      int number,
      String title,
      String author,
      String headRef,
      String headSha,
      String baseRef,
      String baseSha,
      boolean draft,
      boolean merged,
      String mergeCommitSha) {}

  /** What happened to a pull request. */
  enum PullRequestAction {
    OPENED,
    SYNCHRONIZE,
    REOPENED,
    READY_FOR_REVIEW,
    /** Closed with {@code merged: true}: apply what was planned. */
    MERGED,
    /** Closed without merging: release what the pull request held. */
    CLOSED
  }

  /** A pull request was opened, updated, reopened, marked ready, merged or closed. */
  record PullRequestEvent(
      PullRequestAction action,
      Repo repo,
      PullRequest pullRequest,
      String sender,
      long installationId)
      implements GithubEvent {
    @Override
    public String orderingKey() {
      return repo.pullKey(pullRequest.number());
    }
  }

  /** A new comment on a pull request that holds a {@code strata ...} command. */
  record CommentEvent(
      Repo repo,
      int pullNumber,
      long commentId,
      String author,
      String body,
      CommentCommand command,
      long installationId)
      implements GithubEvent {
    @Override
    public String orderingKey() {
      return repo.pullKey(pullNumber);
    }
  }

  /** The state of a submitted or dismissed review. */
  enum ReviewState {
    APPROVED,
    CHANGES_REQUESTED,
    DISMISSED
  }

  /** A review that changes what may be applied: an approval, a change request, a dismissal. */
  record ReviewEvent(
      Repo repo,
      int pullNumber,
      String reviewer,
      ReviewState state,
      String commitId,
      String headSha,
      long installationId)
      implements GithubEvent {
    @Override
    public String orderingKey() {
      return repo.pullKey(pullNumber);
    }
  }

  /** Commits pushed to the repository's default branch (drift check, apply after merge). */
  record PushEvent(
      Repo repo, String branch, String before, String after, String pusher, long installationId)
      implements GithubEvent {
    @Override
    public String orderingKey() {
      return repo.fullName() + "@" + branch;
    }
  }

  /** The GitHub App was installed, removed, suspended or had repositories added or removed. */
  record InstallationEvent(
      String action, long installationId, String account, List<String> repositories)
      implements GithubEvent {
    public InstallationEvent {
      repositories = List.copyOf(repositories);
    }

    @Override
    public Repo repo() {
      return null;
    }

    @Override
    public String orderingKey() {
      return "installation:" + installationId;
    }
  }

  /** GitHub's test delivery sent when a webhook is created. */
  record PingEvent(String zen, long hookId, Repo repo, long installationId)
      implements GithubEvent {}

  /** A delivery Strata does not act on, with the reason (kept for the log, never queued). */
  record Ignored(String event, String action, String reason) implements GithubEvent {
    @Override
    public Repo repo() {
      return null;
    }

    @Override
    public long installationId() {
      return 0;
    }
  }
}
