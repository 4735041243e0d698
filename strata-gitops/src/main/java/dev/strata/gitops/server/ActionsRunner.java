package dev.strata.gitops.server;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.GithubAuth;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvent.PullRequestAction;
import dev.strata.gitops.github.GithubEvent.PullRequestEvent;
import dev.strata.gitops.github.GithubEvent.PushEvent;
import dev.strata.gitops.github.GithubEvents;
import dev.strata.gitops.github.GithubPullRequests;
import dev.strata.gitops.github.GithubTypes.Permission;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.run.ApplyRun;
import dev.strata.gitops.run.Gitops;
import dev.strata.gitops.run.PullRequests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code strata gitops plan|apply --github}: the pipeline as a step of a GitHub Actions workflow.
 * The event comes from {@code GITHUB_EVENT_NAME} and the JSON at {@code GITHUB_EVENT_PATH}; the
 * repository from {@code GITHUB_REPOSITORY}; GitHub is reached at {@code GITHUB_API_URL} with
 * {@code GITHUB_TOKEN}. Results go into the same pull-request comment and commit statuses as the
 * server's, so moving between the two changes nothing on the pull request.
 */
public final class ActionsRunner {
  private final String repo;
  private final GithubEvent event;
  private final GithubClient github;
  private final CommandPolicy policy;

  ActionsRunner(String repo, GithubEvent event, GithubClient github, CommandPolicy policy) {
    this.repo = repo;
    this.event = event;
    this.github = github;
    this.policy = policy;
  }

  /** Reads the Actions environment; a missing variable is an input error naming it. */
  public static ActionsRunner fromEnv(Map<String, String> env) {
    String repo = need(env, "GITHUB_REPOSITORY");
    String name = need(env, "GITHUB_EVENT_NAME");
    Path path = Path.of(need(env, "GITHUB_EVENT_PATH"));
    Secret token = Secret.of(need(env, "GITHUB_TOKEN"));
    URI api = URI.create(env.getOrDefault("GITHUB_API_URL", GithubClient.PUBLIC_API.toString()));
    String json;
    try {
      json = Files.readString(path);
    } catch (IOException e) {
      throw new InputException("cannot read GITHUB_EVENT_PATH " + path + ": " + e.getMessage());
    }
    return new ActionsRunner(
        repo,
        GithubEvents.parse(name, json),
        new GithubClient(api, new GithubAuth.Token(token)),
        CommandPolicy.parse(env.get("STRATA_COMMAND_PERMISSIONS")));
  }

  private static String need(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      throw new InputException(key + " is not set: --github runs inside GitHub Actions");
    }
    return v;
  }

  /** The apply requirements' facts, from GitHub. */
  public PullRequests pullRequests() {
    return new GithubPullRequests(github, repo);
  }

  /**
   * Plans the pull request of a {@code pull_request} event and reports on GitHub. The event is a
   * change nobody asked to plan, so {@code autoplan: false} in the head's config plans nothing (the
   * comment says so), as on the server.
   */
  public RunReport plan(Gitops g) {
    if (!(event instanceof PullRequestEvent e) || e.action() == PullRequestAction.CLOSED) {
      throw new InputException(
          "strata gitops plan --github runs on pull_request events (opened, synchronize,"
              + " reopened, ready_for_review), not on "
              + describe());
    }
    var pr = e.pullRequest();
    return report(
        pr.number(),
        pr.headSha(),
        "plan",
        () -> g.autoplan(pr.baseSha(), pr.headSha(), pr.number()));
  }

  /**
   * Applies what the event asks: a {@code strata apply} comment applies its pull request, a merged
   * pull request its merge commit, a push its head commit; then reports on GitHub.
   */
  public RunReport apply(Gitops g, String env, List<String> allow) {
    if (event instanceof CommentEvent c && c.command() instanceof CommentCommand.Apply a) {
      admit(c);
      String head = github.pullRequest(repo, c.pullNumber()).headSha();
      String only = env != null ? env : a.env();
      List<String> allowed = new java.util.ArrayList<>(allow);
      a.allow().stream().filter(x -> !allowed.contains(x)).forEach(allowed::add);
      return report(
          c.pullNumber(),
          head,
          "apply",
          () -> g.apply(new ApplyRun.Request(c.pullNumber(), head, only, allowed, a.project())));
    }
    if (event instanceof PullRequestEvent e && e.action() == PullRequestAction.MERGED) {
      String merge = e.pullRequest().mergeCommitSha();
      return report(
          e.pullRequest().number(),
          merge,
          "apply",
          () -> g.apply(new ApplyRun.Request(0, merge, env, allow)));
    }
    if (event instanceof PushEvent p) {
      return report(
          0, p.after(), "apply", () -> g.apply(new ApplyRun.Request(0, p.after(), env, allow)));
    }
    throw new InputException(
        "strata gitops apply --github runs on a `strata apply` comment, a merged pull request or"
            + " a push, not on "
            + describe());
  }

  /**
   * Acknowledges a {@code strata apply} comment and checks its author's permission with GitHub, as
   * the server does: a workflow's {@code author_association} condition lets in collaborators with
   * read access too. A refusal is answered on the pull request and is an input error.
   */
  private void admit(CommentEvent c) {
    github.addReaction(repo, c.commentId(), "eyes");
    Permission required = policy.required(c.command());
    Permission actual = github.permission(repo, c.author());
    if (!actual.atLeast(required)) {
      github.addReaction(repo, c.commentId(), "-1");
      String refusal = EventDispatcher.refusal(c, repo, required, actual);
      github.createComment(repo, c.pullNumber(), refusal);
      throw new InputException(refusal);
    }
  }

  private RunReport report(
      int pr, String sha, String kind, java.util.function.Supplier<RunReport> run) {
    PlanStatuses.pending(github, repo, sha, kind);
    RunReport report;
    try {
      report = run.get();
    } catch (StrataException e) {
      String message = DbUrl.mask(e.getMessage());
      if (pr > 0) {
        PrComment.upsert(
            github,
            repo,
            pr,
            kind.equals("plan") ? "plan" : "note",
            "**Strata " + kind + " failed**\n\n```\n" + message + "\n```");
      }
      PlanStatuses.error(github, repo, sha, kind, message);
      throw e;
    }
    int target = pr > 0 ? pr : report.pr();
    if (target > 0) {
      PrComment.upsert(
          github,
          repo,
          target,
          kind,
          PrComment.commentCommands(MarkdownReport.render(report, 30_000), false));
    }
    PlanStatuses.post(github, repo, sha, kind, report);
    PlanStatuses.done(github, repo, sha, kind, report);
    return report;
  }

  private String describe() {
    return event instanceof GithubEvent.Ignored i
        ? i.event() + (i.action() == null ? "" : "/" + i.action()) + " (" + i.reason() + ")"
        : event.getClass().getSimpleName();
  }
}
