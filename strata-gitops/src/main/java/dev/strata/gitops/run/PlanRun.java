package dev.strata.gitops.run;

import dev.strata.StrataException;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.config.GitopsConfig.LockPolicy;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.EnvLock;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.LockResult;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.lint.Policy;
import dev.strata.plan.PlanFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code strata gitops plan}: finds the projects a change touches, and for each of their
 * environments (in order) runs the before-plan hooks, checks the lock, plans against the
 * environment's database, stores the plan under the pull request and head commit, takes the lock
 * under the strict policy (or releases it when the change no longer changes anything), runs the
 * after-plan hooks and records everything in the audit log.
 */
final class PlanRun {
  private final Workspace ws;
  private final StateStore store;
  private final String actor;

  PlanRun(Workspace ws, StateStore store, String actor) {
    this.ws = ws;
    this.store = store;
    this.actor = actor;
  }

  RunReport run(String baseRef, String headRef, int pr) {
    return run(baseRef, headRef, pr, null, null);
  }

  /** Plans only {@code project} (and {@code env}) when they are not null. */
  RunReport run(String baseRef, String headRef, int pr, String project, String env) {
    GitRepo git = ws.git();
    String base = git.resolve(baseRef);
    String head = git.resolve(headRef);
    String runId = JdbcStateStore.newId();
    store.beginRun(
        new RunRecord(
            runId, "plan", pr, base, head, actor, JdbcStateStore.now(), null, "running", null));
    List<EnvResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try {
      GitopsConfig config = ws.config(head);
      Set<String> changed = git.changedPaths(base, head);
      List<ProjectSpec> affected =
          ws.affected(ws.projects(head, config), changed, head).stream()
              .filter(p -> project == null || project.equals(p.name()))
              .toList();
      if (strictFullPlan(config, pr, project, env)) {
        notes.addAll(releaseUnaffected(pr, affected));
      }
      if (affected.isEmpty()) {
        notes.add(
            "No project is affected by this change ("
                + changed.size()
                + " file"
                + (changed.size() == 1 ? "" : "s")
                + " changed, none matching a project's file patterns): nothing to plan.");
      }
      for (ProjectSpec spec : affected) {
        List<Target> targets;
        try {
          targets = ws.targets(head, spec);
        } catch (StrataException e) {
          results.add(EnvResult.of(spec.name(), "*", Status.ERROR, e.getMessage()));
          continue;
        }
        for (Target t : targets) {
          if (env != null && !env.equals(t.env().name())) {
            continue;
          }
          results.add(planOne(t, config, runId, pr, base, head));
        }
      }
      RunReport report = new RunReport("plan", pr, base, head, results, notes);
      store.finishRun(runId, report.failed() ? "failed" : "ok", summary(report));
      return report;
    } catch (RuntimeException e) {
      store.finishRun(runId, "failed", e.getMessage());
      throw e;
    }
  }

  private static boolean strictFullPlan(GitopsConfig config, int pr, String project, String env) {
    return config.lockPolicy() == LockPolicy.STRICT && pr > 0 && project == null && env == null;
  }

  /**
   * Releases the locks this pull request holds on projects its change no longer touches (it was
   * reverted, or moved elsewhere), unless the database there is ahead of the default branch because
   * the pull request was applied; returns what was released.
   */
  private List<String> releaseUnaffected(int pr, List<ProjectSpec> affected) {
    Set<String> touched = new java.util.HashSet<>();
    for (ProjectSpec p : affected) {
      touched.add(p.name());
    }
    List<String> out = new ArrayList<>();
    for (EnvLock l : store.locks()) {
      if (l.pr() != pr || touched.contains(l.project())) {
        continue;
      }
      boolean applied =
          store.plansForPr(pr).stream()
              .anyMatch(
                  p ->
                      p.project().equals(l.project())
                          && p.env().equals(l.env())
                          && StoredPlan.APPLIED.equals(p.status()));
      if (applied || !store.unlock(l.project(), l.env())) {
        continue;
      }
      String what =
          "Released PR #"
              + pr
              + "'s lock of "
              + l.project()
              + "/"
              + l.env()
              + ": the change no longer touches "
              + l.project()
              + ".";
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(), actor, "unlock", pr, l.commit(), l.project(), l.env(), what));
      out.add(what);
    }
    return out;
  }

  private EnvResult planOne(
      Target t, GitopsConfig config, String runId, int pr, String base, String head) {
    String project = t.project();
    String env = t.env().name();
    boolean strict = config.lockPolicy() == LockPolicy.STRICT;
    Optional<String> released = Optional.empty();
    if (strict) {
      Optional<EnvLock> held = store.lockOf(project, env);
      if (held.isPresent() && !held.get().heldBy(pr, head)) {
        released = new DoneLocks(ws, store, actor).releaseIfDone(held.get(), config);
        if (released.isEmpty()) {
          return EnvResult.of(project, env, Status.LOCKED, lockedMessage(held.get(), project, env));
        }
      }
    }
    HookRunner hooks = new HookRunner(ws.git().workTree(), ws.env());
    Map<String, String> ctx = HookRunner.context("plan", "before", t, pr, base, head);
    HookRunner.Outcome before = hooks.run(config.hooks().beforePlan(), ctx);
    if (!before.ok()) {
      return EnvResult.of(project, env, Status.ERROR, "a before-plan hook failed; not planned")
          .withHooks(before.output());
    }
    EnvResult result;
    try {
      EnvPlanner planner = new EnvPlanner(t);
      PlanFile file = planner.plan(planner.desired());
      Policy policy = planner.policy(List.of());
      result = store(t, file, policy, runId, pr, head, strict, config);
    } catch (StrataException e) {
      result = EnvResult.of(project, env, Status.ERROR, e.getMessage());
    }
    ctx.put("STRATA_STAGE", "after");
    ctx.put("STRATA_STATUS", result.status().name().toLowerCase(java.util.Locale.ROOT));
    ctx.put("STRATA_PLAN_ID", result.planId() == null ? "" : result.planId());
    HookRunner.Outcome after = hooks.run(config.hooks().afterPlan(), ctx);
    result = result.withHooks(before.output()).withHooks(after.output());
    if (!after.ok()) {
      result = result.with(Status.ERROR, "an after-plan hook failed. " + result.message());
    }
    if (released.isPresent()) {
      result = result.with(result.status(), released.get() + " " + result.message());
    }
    store.audit(
        new AuditEntry(
            JdbcStateStore.now(),
            actor,
            "plan",
            pr,
            head,
            project,
            env,
            result.status().word()
                + (result.changes() > 0
                    ? ", " + result.changes() + " statement" + (result.changes() == 1 ? "" : "s")
                    : "")));
    return result;
  }

  private EnvResult store(
      Target t,
      PlanFile file,
      Policy policy,
      String runId,
      int pr,
      String head,
      boolean strict,
      GitopsConfig config) {
    boolean autoapply = config.autoapply();
    String project = t.project();
    String env = t.env().name();
    if (file.statements().isEmpty()) {
      Optional<EnvLock> mine = store.lockOf(project, env).filter(l -> l.heldBy(pr, head));
      // A database that matches this change but not the default branch holds the change ahead
      // of the merge (applied on the pull request): the lock stays until the merge.
      boolean ahead =
          strict
              && mine.isPresent()
              && pr > 0
              && !new DoneLocks(ws, store, actor)
                  .defaultBranchWants(project, env, file.toHash(), config);
      boolean release = strict && mine.isPresent() && !ahead;
      if (release) {
        store.unlock(project, env);
      }
      String id = save(t, file, runId, pr, head);
      return new EnvResult(
          project,
          env,
          Status.NO_CHANGES,
          file,
          id,
          policy,
          "The database already matches this change."
              + (release ? " Released this pull request's lock." : "")
              + (ahead
                  ? " "
                      + env
                      + " stays locked for PR #"
                      + pr
                      + " until it is merged: the database is ahead of "
                      + config.defaultBranch()
                      + "."
                  : ""),
          List.of());
    }
    if (strict) {
      LockResult lock = store.lock(project, env, pr, head, actor);
      if (lock instanceof LockResult.HeldBy held) {
        return new EnvResult(
            project,
            env,
            Status.LOCKED,
            file,
            null,
            policy,
            lockedMessage(held.lock(), project, env),
            List.of());
      }
    }
    String id = save(t, file, runId, pr, head);
    if (policy.blocks(file.lint())) {
      return new EnvResult(
          project,
          env,
          Status.BLOCKED,
          file,
          id,
          policy,
          "The lint policy blocks this plan; it cannot be applied until the findings are allowed"
              + " (`lint { allow = [...] }` in strata.hcl, or `strata gitops apply --allow CODE`).",
          List.of());
    }
    return new EnvResult(
        project,
        env,
        Status.PLANNED,
        file,
        id,
        policy,
        (autoapply && pr > 0
                ? "Applied after merge (autoapply: `strata gitops apply --commit SHA` on the merge"
                    + " commit), or apply it before merging with `strata gitops apply --pr "
                    + pr
                    + "`"
                : "Apply with `strata gitops apply "
                    + (pr > 0 ? "--pr " + pr : "--commit " + GitRepo.shortSha(head))
                    + "`")
            + (strict
                ? "; "
                    + env
                    + " is locked for "
                    + (pr > 0 ? "PR #" + pr : "this commit")
                    + " until then."
                : "."),
        List.of());
  }

  private String save(Target t, PlanFile file, String runId, int pr, String head) {
    String id = JdbcStateStore.newId();
    store.savePlan(
        new StoredPlan(
            id,
            runId,
            pr,
            head,
            t.project(),
            t.env().name(),
            file,
            StoredPlan.PLANNED,
            JdbcStateStore.now(),
            null));
    return id;
  }

  static String lockedMessage(EnvLock held, String project, String env) {
    return "Environment "
        + env
        + " of "
        + project
        + " is locked by "
        + held.describe()
        + ". It is released when that change is applied and merged, or with"
        + " `strata gitops unlock --project "
        + project
        + " --env "
        + env
        + "`.";
  }

  static String summary(RunReport r) {
    if (r.results().isEmpty()) {
      return "nothing affected";
    }
    List<String> parts = new ArrayList<>();
    for (EnvResult e : r.results()) {
      parts.add(e.project() + "/" + e.env() + ": " + e.status().word());
    }
    return String.join("; ", parts);
  }
}
