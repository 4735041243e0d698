package dev.strata.gitops.server;

import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.GithubEvent.CommentEvent;
import dev.strata.gitops.github.GithubEvent.PullRequestEvent;
import dev.strata.gitops.github.GithubEvent.PushEvent;
import dev.strata.gitops.github.GithubPullRequests;
import dev.strata.gitops.github.GithubTypes.PullRequestInfo;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.run.ApplyRun;
import dev.strata.gitops.run.Gitops;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects GitHub events to the GitOps pipeline. A pull request opened, updated, reopened or marked
 * ready is planned (when {@code autoplan}); {@code strata plan [project[/env]]} plans on demand;
 * {@code strata apply [project[/env]]} applies the pull request's plans after the apply
 * requirements, asked from GitHub; {@code strata unlock} releases its locks; a merge applies (when
 * {@code autoapply}) and a push to the default branch applies what it merged and checks drift. Each
 * run works on a local clone checked out at the right commit, writes its Markdown report into the
 * pull request's one Strata comment and sets a commit status per environment. Errors in the
 * repository's input are reported there too; GitHub or network errors are thrown so the queue
 * retries the event. Tokens and database passwords are masked in everything posted.
 */
public final class PipelineHandler implements EventHandler {
  /**
   * The server's own secrets, removed from the environment projects and hooks see: a hook comes
   * from the pull request being planned, so it must not read the webhook secret or GitHub keys.
   */
  public static final java.util.Set<String> SERVER_SECRETS =
      java.util.Set.of(
          "STRATA_WEBHOOK_SECRET",
          "STRATA_GITHUB_TOKEN",
          "GITHUB_TOKEN",
          "STRATA_GITHUB_APP_PRIVATE_KEY",
          "STRATA_GITHUB_APP_PRIVATE_KEY_FILE",
          "STRATA_DASHBOARD_TOKEN");

  private final RepoCache cache;
  private final String stateUrl;
  private final Map<String, String> env;
  private final ServerLog log;

  /**
   * {@code stateUrl} is the GitOps state store (plans, locks, runs, audit); {@code env} the
   * environment the projects' {@code getenv()} and hooks see.
   */
  public PipelineHandler(RepoCache cache, String stateUrl, Map<String, String> env, ServerLog log) {
    this.cache = cache;
    this.stateUrl = stateUrl;
    Map<String, String> visible = new HashMap<>(env);
    visible.keySet().removeAll(SERVER_SECRETS);
    this.env = Map.copyOf(visible);
    this.log = log;
  }

  @Override
  public void handle(GithubEvent event, EventContext ctx) {
    GithubClient github = ctx.github();
    if (event instanceof PullRequestEvent e) {
      onPullRequest(e, github);
    } else if (event instanceof CommentEvent c) {
      onComment(c, github);
    } else if (event instanceof PushEvent p) {
      onPush(p, github);
    } else {
      // Reviews change apply requirements, which are asked from GitHub at apply time; installs
      // and pings need no pipeline work.
      log.info("no pipeline work for " + event.getClass().getSimpleName());
    }
  }

  private void onPullRequest(PullRequestEvent e, GithubClient github) {
    String repo = e.repo().fullName();
    var pr = e.pullRequest();
    switch (e.action()) {
      case OPENED, SYNCHRONIZE, REOPENED, READY_FOR_REVIEW ->
          plan(github, repo, pr.number(), pr.baseSha(), pr.headSha(), null, null, e.sender(), true);
      case MERGED -> {
        merged(github, e);
        discard(repo, pr.number());
      }
      case CLOSED -> {
        note(
            github,
            repo,
            pr.number(),
            e.repo().defaultBranch(),
            e.sender(),
            "closed without merging",
            g -> g.unlockPr(pr.number()));
        discard(repo, pr.number());
      }
    }
  }

  /** Removes a finished pull request's work tree; a reopened one is cloned again. */
  private void discard(String repo, int pr) {
    try {
      if (cache.discard(repo, pr)) {
        log.info("removed the work tree of " + repo + "#" + pr);
      }
    } catch (StrataException ex) {
      log.info(ex.getMessage());
    }
  }

  private void onComment(CommentEvent c, GithubClient github) {
    String repo = c.repo().fullName();
    int n = c.pullNumber();
    PullRequestInfo info = github.pullRequest(repo, n);
    CommentCommand cmd = c.command();
    if (cmd instanceof CommentCommand.Plan p) {
      plan(
          github,
          repo,
          n,
          "origin/" + info.baseRef(),
          info.headSha(),
          p.project(),
          p.env(),
          c.author(),
          false);
    } else if (cmd instanceof CommentCommand.Apply a) {
      apply(
          github,
          repo,
          n,
          info.headSha(),
          new ApplyRun.Request(n, info.headSha(), a.env(), a.allow(), a.project()),
          c.author());
    } else if (cmd instanceof CommentCommand.Unlock) {
      note(
          github,
          repo,
          n,
          c.repo().defaultBranch(),
          c.author(),
          "`strata unlock`",
          g -> g.unlockPr(n));
    }
  }

  private void onPush(PushEvent p, GithubClient github) {
    String repo = p.repo().fullName();
    if (!p.branch().equals(p.repo().defaultBranch()) || p.after().matches("0+")) {
      return;
    }
    run(
        github,
        repo,
        0,
        p.after(),
        p.pusher(),
        "drift",
        g -> {
          GitopsConfig config = g.config(p.after());
          boolean planned = !g.store().plansAt(p.after()).isEmpty() || hasParentPlans(g, p.after());
          if (config.autoapply() && planned) {
            RunReport applied = g.apply(new ApplyRun.Request(0, p.after(), null, List.of()));
            report(github, repo, applied.pr(), p.after(), "apply", applied);
          }
          if (config.drift().enabled()) {
            RunReport drift = g.drift(p.after());
            PlanStatuses.post(github, repo, p.after(), "drift", drift);
          }
          return null;
        });
  }

  private static boolean hasParentPlans(Gitops g, String commit) {
    try (var repo = dev.strata.gitops.git.GitRepo.open(g.workTree())) {
      return repo.parents(repo.resolve(commit)).stream()
          .anyMatch(parent -> !g.store().plansAt(parent).isEmpty());
    }
  }

  private void merged(GithubClient github, PullRequestEvent e) {
    String repo = e.repo().fullName();
    var pr = e.pullRequest();
    String merge = pr.mergeCommitSha();
    run(
        github,
        repo,
        pr.number(),
        0,
        merge,
        e.sender(),
        "apply",
        g -> {
          if (!g.config(merge).autoapply()) {
            int released = g.unlockPr(pr.number());
            PrComment.upsert(
                github,
                repo,
                pr.number(),
                "note",
                "Merged. `autoapply` is off, so nothing was applied after the merge"
                    + (released > 0 ? "; released " + released + " lock(s)." : "."));
            return null;
          }
          RunReport applied = g.apply(new ApplyRun.Request(0, merge, null, List.of()));
          report(github, repo, pr.number(), merge, "apply", applied);
          return null;
        });
  }

  private void plan(
      GithubClient github,
      String repo,
      int pr,
      String base,
      String head,
      String project,
      String envName,
      String actor,
      boolean auto) {
    PlanStatuses.pending(github, repo, head, "plan");
    run(
        github,
        repo,
        pr,
        head,
        actor,
        "plan",
        g -> {
          if (auto && !g.config(head).autoplan()) {
            PlanStatuses.error(
                github, repo, head, "plan", "autoplan is off: comment `strata plan`");
            return null;
          }
          RunReport report = g.plan(base, head, pr, project, envName);
          report(github, repo, pr, head, "plan", report);
          return null;
        });
  }

  private void apply(
      GithubClient github,
      String repo,
      int pr,
      String head,
      ApplyRun.Request request,
      String actor) {
    run(
        github,
        repo,
        pr,
        head,
        actor,
        "apply",
        g -> {
          RunReport report = g.apply(request);
          report(github, repo, pr, head, "apply", report);
          return null;
        });
  }

  /**
   * Releases locks in the default branch's work tree (the pull request's head may be gone, and its
   * own tree is removed when it is closed).
   */
  private void note(
      GithubClient github,
      String repo,
      int pr,
      String defaultBranch,
      String actor,
      String why,
      java.util.function.ToIntFunction<Gitops> unlock) {
    run(
        github,
        repo,
        pr,
        0,
        "refs/remotes/origin/" + defaultBranch,
        actor,
        "unlock",
        g -> {
          int n = unlock.applyAsInt(g);
          PrComment.upsert(
              github,
              repo,
              pr,
              "note",
              "**Unlocked** after " + why + " by @" + actor + ": released " + n + " lock(s).");
          return null;
        });
  }

  private void report(
      GithubClient github, String repo, int pr, String sha, String kind, RunReport report) {
    String md =
        PrComment.commentCommands(mask(MarkdownReport.render(report, 30_000), github), true);
    if (pr > 0) {
      PrComment.upsert(github, repo, pr, kind, md);
    }
    PlanStatuses.post(github, repo, sha, kind, report);
    PlanStatuses.done(github, repo, sha, kind, report);
  }

  /**
   * One pipeline step in the pull request's own work tree (the default one for {@code pr} 0), held
   * for the step: events of one pull request run one at a time, other pull requests alongside.
   * Input errors are reported, not retried.
   */
  private void run(
      GithubClient github,
      String repo,
      int pr,
      String commit,
      String actor,
      String kind,
      Step step) {
    run(github, repo, pr, pr, commit, actor, kind, step);
  }

  /** As above, in the work tree of pull request {@code tree} (0: the default branch's). */
  private void run(
      GithubClient github,
      String repo,
      int pr,
      int tree,
      String commit,
      String actor,
      String kind,
      Step step) {
    Map<String, String> runEnv = new HashMap<>(env);
    runEnv.put("STRATA_ACTOR", actor == null ? "github" : actor);
    try (RepoCache.Lease lease = cache.checkout(repo, github.gitToken(), pr, commit, tree);
        Gitops g =
            Gitops.open(lease.workTree(), runEnv, new GithubPullRequests(github, repo), stateUrl)) {
      step.run(g);
    } catch (StrataException e) {
      String message = mask(e.getMessage(), github);
      log.info(kind + " for " + repo + (pr > 0 ? "#" + pr : "") + " failed: " + message);
      if (pr > 0) {
        PrComment.upsert(
            github,
            repo,
            pr,
            kind.equals("plan") ? "plan" : "note",
            "**Strata " + kind + " failed**\n\n```\n" + message + "\n```");
      }
      if (commit.matches("[0-9a-f]{40}")) {
        PlanStatuses.error(github, repo, commit, kind, message);
      }
    }
  }

  private static String mask(String text, GithubClient github) {
    return RepoCache.mask(DbUrl.mask(text), github.gitToken());
  }

  /** A pipeline step on an open {@link Gitops}. */
  @FunctionalInterface
  private interface Step {
    Void run(Gitops g);
  }
}
