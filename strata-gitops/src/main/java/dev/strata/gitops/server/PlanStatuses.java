package dev.strata.gitops.server;

import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubTypes.CheckConclusion;
import dev.strata.gitops.github.GithubTypes.CheckRun;
import dev.strata.gitops.github.GithubTypes.CheckStatus;
import dev.strata.gitops.github.GithubTypes.CommitStatus;
import dev.strata.gitops.github.GithubTypes.StatusState;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.RunReport;
import java.util.HashMap;
import java.util.Map;

/**
 * Commit statuses for a run, one per environment: {@code strata/plan: production} (or {@code
 * strata/apply: ...}, {@code strata/drift: ...}), success when the environment's outcome does not
 * fail the run, failure otherwise. The context names the environment alone unless two projects of
 * the report share that environment name, then {@code project/env}, so branch protection can
 * require a stable name. Authenticated as a GitHub App, a completed check run of the same name
 * carries the environment's message as well.
 */
public final class PlanStatuses {
  private PlanStatuses() {}

  /** Posts one status per result of {@code report} on {@code sha}. */
  public static void post(
      GithubClient github, String repo, String sha, String kind, RunReport report) {
    Map<String, Integer> envNames = new HashMap<>();
    for (EnvResult r : report.results()) {
      envNames.merge(r.env(), 1, Integer::sum);
    }
    for (EnvResult r : report.results()) {
      String name = envNames.get(r.env()) > 1 ? r.project() + "/" + r.env() : r.env();
      StatusState state = r.status().failed() ? StatusState.FAILURE : StatusState.SUCCESS;
      String description =
          r.project()
              + "/"
              + r.env()
              + ": "
              + r.status().word()
              + (r.changes() > 0
                  ? " (" + r.changes() + " statement" + (r.changes() == 1 ? ")" : "s)")
                  : "");
      String context = "strata/" + kind + ": " + name;
      github.createStatus(repo, sha, new CommitStatus(state, context, description, null));
      if (github.isApp()) {
        github.createCheckRun(
            repo,
            new CheckRun(
                context,
                sha,
                CheckStatus.COMPLETED,
                r.status().failed() ? CheckConclusion.FAILURE : CheckConclusion.SUCCESS,
                description,
                r.message() == null
                    ? r.status().word()
                    : PrComment.commentCommands(r.message(), true),
                null));
      }
    }
  }

  /** One status for a run that could not produce per-environment results. */
  public static void error(
      GithubClient github, String repo, String sha, String kind, String message) {
    github.createStatus(
        repo, sha, new CommitStatus(StatusState.ERROR, "strata/" + kind, message, null));
  }

  /** Marks a run as started, so the pull request shows it is being worked on. */
  public static void pending(GithubClient github, String repo, String sha, String kind) {
    github.createStatus(
        repo,
        sha,
        new CommitStatus(StatusState.PENDING, "strata/" + kind, "Strata is working…", null));
  }

  /** Marks the run-level status done after per-environment statuses were posted. */
  public static void done(
      GithubClient github, String repo, String sha, String kind, RunReport report) {
    github.createStatus(
        repo,
        sha,
        new CommitStatus(
            report.failed() ? StatusState.FAILURE : StatusState.SUCCESS,
            "strata/" + kind,
            report.results().size()
                + " environment(s); "
                + (report.failed() ? "attention needed" : "ok"),
            null));
  }
}
