package dev.strata.gitops.github;

import dev.strata.gitops.github.GithubTypes.PullRequestInfo;
import dev.strata.gitops.run.PullRequests;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * The facts {@code apply_requirements} need, asked from GitHub for one repository: approvals from
 * reviews of the current head (a later change request withdraws one), whether GitHub considers the
 * pull request mergeable (unknown counts as not), whether it is a draft, and whether every commit
 * status of the head other than Strata's own ({@code strata/...}) is successful.
 */
public final class GithubPullRequests implements PullRequests {
  private final GithubClient github;
  private final String repo;

  public GithubPullRequests(GithubClient github, String repo) {
    this.github = github;
    this.repo = repo;
  }

  @Override
  public Optional<Facts> find(int pr) {
    PullRequestInfo info;
    try {
      info = github.pullRequest(repo, pr);
    } catch (GithubApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    var approvers = new ArrayList<>(github.approvers(repo, pr, info.headSha()));
    return Optional.of(
        new Facts(
            pr,
            approvers,
            Boolean.TRUE.equals(info.mergeable()),
            checksPassing(github.statuses(repo, info.headSha())),
            info.draft()));
  }

  /** Every non-Strata status is {@code success}; Strata's own plan statuses do not count. */
  static boolean checksPassing(Map<String, String> statuses) {
    return statuses.entrySet().stream()
        .filter(e -> e.getKey() == null || !e.getKey().startsWith("strata/"))
        .allMatch(e -> "success".equals(e.getValue()));
  }
}
