package dev.strata.gitops.run;

import dev.strata.InputException;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.gitops.store.Stores;
import dev.strata.plan.RevisionLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The GitOps pipeline over one repository: {@link #plan}, {@link #apply} and {@link #drift} runs,
 * plus the locks and history they leave in the state store. The store is the one the config at the
 * repository's {@code HEAD} names, unless {@code stateUrl} overrides it.
 */
public final class Gitops implements AutoCloseable {
  private final Workspace ws;
  private final StateStore store;
  private final PullRequests forge;
  private final String actor;

  private Gitops(Workspace ws, StateStore store, PullRequests forge, String actor) {
    this.ws = ws;
    this.store = store;
    this.forge = forge;
    this.actor = actor;
  }

  /**
   * Opens the repository containing {@code dir}. {@code env} is the process environment (project
   * files' {@code getenv}, {@code ${VAR}} in the config, hooks); {@code stateUrl} may be null.
   */
  public static Gitops open(
      Path dir, Map<String, String> env, PullRequests forge, String stateUrl) {
    GitRepo git = GitRepo.open(dir);
    try {
      Workspace ws = new Workspace(git, env);
      GitopsConfig config = git.tryResolve("HEAD").map(ws::config).orElse(GitopsConfig.DEFAULT);
      StateStore store =
          stateUrl != null
              ? Stores.open(stateUrl)
              : Stores.open(config.storage(), git.gitDir(), git.workTree(), env);
      return new Gitops(ws, store, forge, actor(env));
    } catch (RuntimeException e) {
      git.close();
      throw e;
    }
  }

  /**
   * Who runs this: STRATA_ACTOR, else the CI's user (GITHUB_ACTOR, GITLAB_USER_LOGIN), else USER.
   */
  static String actor(Map<String, String> env) {
    for (String k : List.of("STRATA_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN")) {
      String v = env.get(k);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return RevisionLog.currentUser(env);
  }

  /** Plans every environment of the projects changed between {@code base} and {@code head}. */
  public RunReport plan(String base, String head, int pr) {
    return new PlanRun(ws, store, actor).run(base, head, pr);
  }

  /**
   * A plan triggered by a pull request change rather than asked for (CI on every push): with {@code
   * autoplan: false} at {@code head} nothing is planned and the report says how to plan on request;
   * otherwise the same as {@link #plan(String, String, int)}.
   */
  public RunReport autoplan(String base, String head, int pr) {
    String sha = ws.git().resolve(head);
    if (!ws.config(sha).autoplan()) {
      return new RunReport(
          "plan",
          pr,
          ws.git().resolve(base),
          sha,
          List.of(),
          List.of(
              "autoplan is off in .strata/config.yml: changes are not planned automatically."
                  + " Plan on request with `strata gitops plan` without --auto."));
    }
    return plan(base, head, pr);
  }

  /**
   * Plans like {@link #plan(String, String, int)}, restricted to {@code project} and {@code env}
   * (each null for all), as {@code strata plan project/env} asks.
   */
  public RunReport plan(String base, String head, int pr, String project, String env) {
    return new PlanRun(ws, store, actor).run(base, head, pr, project, env);
  }

  /** Applies stored plans: {@code pr} > 0 for a pull request, else {@code commit}. */
  public RunReport apply(ApplyRun.Request request) {
    return new ApplyRun(ws, store, forge, actor).run(request);
  }

  /** Compares every environment with the desired state at {@code branch} (null: the default). */
  public RunReport drift(String branch) {
    return new DriftRun(ws, store, actor).run(branch);
  }

  /** Releases a lock ({@code env} null: every env of the project); returns how many. */
  public int unlock(String project, String env) {
    int n = 0;
    for (var l : store.locks()) {
      if (l.project().equals(project) && (env == null || l.env().equals(env))) {
        if (store.unlock(l.project(), l.env())) {
          n++;
          store.audit(
              new AuditEntry(
                  JdbcStateStore.now(),
                  actor,
                  "unlock",
                  l.pr(),
                  l.commit(),
                  l.project(),
                  l.env(),
                  "released the lock held by " + l.describe()));
        }
      }
    }
    return n;
  }

  /** Releases every lock of a pull request; returns how many. */
  public int unlockPr(int pr) {
    int n = store.unlockPr(pr);
    if (n > 0) {
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(),
              actor,
              "unlock",
              pr,
              null,
              null,
              null,
              "released " + n + " lock(s) of PR #" + pr));
    }
    return n;
  }

  /**
   * Records {@code user}'s approval of pull request {@code pr} at {@code head} (a ref or SHA; null:
   * the pull request's most recently planned head), audited. Returns the message to show. With
   * plain git these approvals are what {@code apply_requirements.approvals} counts.
   */
  public String approve(int pr, String user, String head) {
    String who = user == null || user.isBlank() ? actor : user.strip();
    String sha = approvalHead(pr, head);
    boolean fresh = store.approve(pr, who, sha);
    store.audit(
        new AuditEntry(
            JdbcStateStore.now(),
            actor,
            "approve",
            pr,
            sha,
            null,
            null,
            who
                + (fresh ? " approved" : " had already approved")
                + " PR #"
                + pr
                + " at "
                + GitRepo.shortSha(sha)
                + (who.equals(actor) ? "" : " (recorded by " + actor + ")")));
    List<String> approvers = ws.config(sha).applyRequirements().approvers();
    return (fresh ? "Recorded: " + who + " approved" : who + " had already approved")
        + " PR #"
        + pr
        + " at "
        + GitRepo.shortSha(sha)
        + "."
        + (approvers.isEmpty() || approvers.contains(who)
            ? ""
            : " It does not count: "
                + who
                + " is not in apply_requirements.approvers ("
                + String.join(", ", approvers)
                + ").");
  }

  /** Withdraws {@code user}'s approvals of {@code pr} (audited); returns the message to show. */
  public String revokeApproval(int pr, String user) {
    String who = user == null || user.isBlank() ? actor : user.strip();
    int n = store.unapprove(pr, who);
    if (n > 0) {
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(),
              actor,
              "unapprove",
              pr,
              null,
              null,
              null,
              who + " withdrew " + n + " approval(s) of PR #" + pr));
    }
    return n == 0
        ? who + " had not approved PR #" + pr + "."
        : "Withdrawn: " + who + "'s approval of PR #" + pr + ".";
  }

  private String approvalHead(int pr, String head) {
    if (pr <= 0) {
      throw new InputException("--pr must be a pull request number (1 or more)");
    }
    if (head != null) {
      return ws.git().resolve(head);
    }
    List<StoredPlan> plans = store.plansForPr(pr);
    if (plans.isEmpty()) {
      throw new InputException(
          "PR #"
              + pr
              + " has no stored plan, so its head commit is unknown: give it (--head REF) or plan"
              + " it first");
    }
    return plans.get(0).head();
  }

  /** The {@code .strata/config.yml} at {@code commit} (defaults when it has none). */
  public GitopsConfig config(String commit) {
    return ws.config(ws.git().resolve(commit));
  }

  Workspace workspace() {
    return ws;
  }

  public StateStore store() {
    return store;
  }

  public Path workTree() {
    return ws.git().workTree();
  }

  @Override
  public void close() {
    try {
      ws.close();
      store.close();
    } finally {
      ws.git().close();
    }
  }
}
