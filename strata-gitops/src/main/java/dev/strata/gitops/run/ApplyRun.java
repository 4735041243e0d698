package dev.strata.gitops.run;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.apply.ApplyListener;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.config.GitopsConfig.LockPolicy;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.LockResult;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.lint.Policy;
import dev.strata.model.Realm;
import dev.strata.plan.DriftGuard;
import dev.strata.plan.PlanFile;
import dev.strata.plan.SchemaHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code strata gitops apply}: applies the stored plans of a pull request (its latest planned head)
 * or of a commit (its own plans, else those of its parents, the merged branch first), project by
 * project and environment by environment in their configured order.
 *
 * <p>For each environment: the {@code after} environments must be applied; the lock must be free or
 * ours; when applying a commit, the desired state at that commit must still be the plan's target;
 * the database must still be the plan's starting schema (drift guard); the lint policy must let it
 * through. If the database or the desired state moved on, a new plan is made, stored and reported
 * instead of applying anything nobody reviewed. After an environment fails, the later environments
 * of its project are skipped.
 */
public final class ApplyRun {
  /**
   * What to apply: {@code pr} > 0, or a {@code commit}; optionally one env, allowances and one
   * project (null: every project with a plan).
   */
  /**
   * What to apply: the plans of pull request {@code pr} (then {@code commit}, when given, is the
   * head the pull request has now, and plans made for another head are refused) or of {@code
   * commit}.
   */
  public record Request(int pr, String commit, String env, List<String> allow, String project) {
    public Request {
      allow = List.copyOf(allow);
    }

    /** A request for every project. */
    public Request(int pr, String commit, String env, List<String> allow) {
      this(pr, commit, env, allow, null);
    }
  }

  private final Workspace ws;
  private final StateStore store;
  private final PullRequests forge;
  private final String actor;

  ApplyRun(Workspace ws, StateStore store, PullRequests forge, String actor) {
    this.ws = ws;
    this.store = store;
    this.forge = forge;
    this.actor = actor;
  }

  RunReport run(Request req) {
    GitRepo git = ws.git();
    boolean forPr = req.pr() > 0;
    PlanSelection selection = PlanSelection.of(req, store, git);
    String commit = selection.commit();
    Map<String, StoredPlan> plans = selection.plans();
    GitopsConfig config = ws.config(commit);
    List<String> notes = new ArrayList<>();
    if (!forPr && !config.autoapply()) {
      notes.add(
          "autoapply is off in .strata/config.yml: merged changes are not applied"
              + " automatically. Apply on the pull request before merging (`strata gitops apply --pr N`)"
              + " or set `autoapply: true`.");
      if (config.lockPolicy() == LockPolicy.STRICT) {
        notes.addAll(new DoneLocks(ws, store, actor).releaseAllDone(config));
      }
      return new RunReport("apply", 0, null, commit, List.of(), notes);
    }
    if (plans.isEmpty()) {
      List<String> parents = git.parents(commit);
      List<ProjectSpec> touched =
          parents.isEmpty()
              ? ws.projects(commit, config)
              : ws.affected(
                  ws.projects(commit, config),
                  git.changedPaths(parents.get(parents.size() - 1), commit),
                  commit);
      boolean affected = parents.isEmpty() || !touched.isEmpty();
      if (affected) {
        plans.putAll(CarriedPlans.find(ws, store, commit, touched));
      }
      if (!plans.isEmpty()) {
        notes.add(
            "Commit "
                + GitRepo.shortSha(commit)
                + " has no plans of its own but carries the change "
                + String.join(
                    ", ", plans.values().stream().map(StoredPlan::owner).distinct().toList())
                + " planned (the same desired schema: a squash or rebase merge); applying the"
                + " reviewed plan.");
      } else if (affected) {
        throw new InputException(
            "no stored plan for commit "
                + GitRepo.shortSha(commit)
                + ", its parents or a pull request leading to its schema: plan it first"
                + " (`strata gitops plan --base BASE --head "
                + GitRepo.shortSha(commit)
                + "`)");
      } else {
        notes.add(
            "No project is affected by commit " + GitRepo.shortSha(commit) + ": nothing to apply.");
        return new RunReport("apply", 0, null, commit, List.of(), notes);
      }
    }
    int pr = forPr ? req.pr() : plans.values().iterator().next().pr();
    String runId = JdbcStateStore.newId();
    store.beginRun(
        new RunRecord(
            runId, "apply", pr, null, commit, actor, JdbcStateStore.now(), null, "running", null));
    List<EnvResult> results = new ArrayList<>();
    try {
      List<String> unmet =
          Requirements.unmet(
              config.applyRequirements(),
              pr,
              forge,
              new Requirements.PlainGit(
                  git, store, plans.values().iterator().next().head(), config.defaultBranch()));
      for (ProjectSpec spec : ws.projects(commit, config)) {
        if (req.project() != null && !req.project().equals(spec.name())) {
          continue;
        }
        boolean failed = false;
        List<Target> targets;
        try {
          targets =
              plans.keySet().stream().anyMatch(k -> k.startsWith(spec.name() + "/"))
                  ? ws.targets(commit, spec)
                  : List.of();
        } catch (StrataException e) {
          results.add(EnvResult.of(spec.name(), "*", Status.ERROR, e.getMessage()));
          continue;
        }
        for (Target t : targets) {
          StoredPlan sp = plans.get(t.key());
          if (sp == null || (req.env() != null && !req.env().equals(t.env().name()))) {
            continue;
          }
          EnvResult r;
          if (!unmet.isEmpty()) {
            r =
                EnvResult.of(
                    t.project(),
                    t.env().name(),
                    Status.NOT_READY,
                    "Apply requirements not met: " + String.join("; ", unmet) + ".");
          } else if (failed) {
            r =
                EnvResult.of(
                    t.project(),
                    t.env().name(),
                    Status.SKIPPED,
                    "Not applied because an earlier environment of "
                        + t.project()
                        + " did not apply.");
          } else {
            r = applyOne(t, sp, plans, config, req, forPr, commit, runId);
          }
          failed |= r.status().failed();
          if (r.status() == Status.APPLIED || r.status() == Status.NO_CHANGES) {
            plans.put(t.key(), PlanSelection.applied(sp));
          }
          results.add(r);
          store.audit(
              new AuditEntry(
                  JdbcStateStore.now(),
                  actor,
                  "apply",
                  sp.pr(),
                  commit,
                  t.project(),
                  t.env().name(),
                  r.status().word()
                      + ": "
                      + r.message()
                      + (req.allow().isEmpty()
                          ? ""
                          : " (allowed by "
                              + actor
                              + ": "
                              + String.join(", ", req.allow())
                              + ")")));
        }
      }
      RunReport report = new RunReport("apply", pr, null, commit, results, notes);
      store.finishRun(runId, report.failed() ? "failed" : "ok", PlanRun.summary(report));
      return report;
    } catch (RuntimeException e) {
      store.finishRun(runId, "failed", e.getMessage());
      throw e;
    }
  }

  private EnvResult applyOne(
      Target t,
      StoredPlan sp,
      Map<String, StoredPlan> plans,
      GitopsConfig config,
      Request req,
      boolean forPr,
      String commit,
      String runId) {
    String project = t.project();
    String env = t.env().name();
    for (String before : t.after()) {
      StoredPlan prev = plans.get(project + "/" + before);
      if (prev != null
          && !StoredPlan.APPLIED.equals(prev.status())
          && !prev.plan().statements().isEmpty()) {
        return EnvResult.of(
            project,
            env,
            Status.NOT_READY,
            env + " is applied after " + before + ", which has not been applied yet.");
      }
    }
    LockPolicy lockPolicy = config.lockPolicy();
    if (lockPolicy != LockPolicy.NONE) {
      LockResult lock = store.lock(project, env, sp.pr(), sp.head(), actor);
      if (lock instanceof LockResult.HeldBy held) {
        return EnvResult.of(
            project, env, Status.LOCKED, PlanRun.lockedMessage(held.lock(), project, env));
      }
    }
    EnvResult result;
    try {
      EnvPlanner planner = new EnvPlanner(t);
      Policy policy = planner.policy(req.allow());
      result = checkAndApply(t, sp, planner, policy, config, forPr, commit, runId);
    } catch (StrataException e) {
      store.markPlan(sp.id(), StoredPlan.FAILED);
      result = EnvResult.of(project, env, Status.ERROR, e.getMessage());
    } finally {
      if (lockPolicy == LockPolicy.APPLY) {
        store.unlock(project, env);
      }
    }
    if (lockPolicy == LockPolicy.STRICT && !result.status().failed() && merged(sp, config, forPr)) {
      store.unlock(project, env);
    }
    return result;
  }

  private EnvResult checkAndApply(
      Target t,
      StoredPlan sp,
      EnvPlanner planner,
      Policy policy,
      GitopsConfig config,
      boolean forPr,
      String commit,
      String runId) {
    String project = t.project();
    String env = t.env().name();
    PlanFile file = sp.plan();
    Realm desired = null;
    if (!forPr) {
      desired = planner.desired();
      if (!SchemaHash.of(desired).equals(file.toHash())) {
        return new Replanner(store, actor)
            .replan(
                t,
                sp,
                planner,
                policy,
                desired,
                forPr,
                commit,
                runId,
                "The desired state at "
                    + GitRepo.shortSha(commit)
                    + " is not the one "
                    + sp.owner()
                    + " planned (another change was merged since).");
      }
    }
    if (StoredPlan.APPLIED.equals(sp.status())) {
      return new EnvResult(
          project,
          env,
          Status.APPLIED,
          file,
          sp.id(),
          policy,
          "Already applied at " + sp.appliedAt() + ".",
          List.of());
    }
    Realm live = planner.live();
    if (!SchemaHash.of(live).equals(file.fromHash())) {
      List<String> what =
          file.from() == null
              ? List.of()
              : new DriftGuard(planner.strata().dialect().diffHooks()).explain(file.from(), live);
      return new Replanner(store, actor)
          .replan(
              t,
              sp,
              planner,
              policy,
              desired == null ? planner.desired() : desired,
              forPr,
              commit,
              runId,
              "The database changed since "
                  + sp.owner()
                  + " planned it"
                  + (what.isEmpty() ? "" : ": " + String.join("; ", what))
                  + ".");
    }
    if (file.statements().isEmpty()) {
      store.markPlan(sp.id(), StoredPlan.APPLIED);
      return new EnvResult(
          project,
          env,
          Status.NO_CHANGES,
          file,
          sp.id(),
          policy,
          "Nothing to apply: the database already matches.",
          List.of());
    }
    if (policy.blocks(file.lint())) {
      return new EnvResult(
          project,
          env,
          Status.BLOCKED,
          file,
          sp.id(),
          policy,
          "Refused: the lint policy blocks this plan ("
              + String.join(
                  ", ",
                  policy.blockers(file.lint()).stream()
                      .map(d -> d.code().name() + " " + d.message())
                      .toList())
              + "). Nothing was changed. Allow it with `strata gitops apply --allow CODE|CATEGORY`"
              + " or a lint block in strata.hcl.",
          List.of());
    }
    HookRunner hooks = new HookRunner(ws.git().workTree(), ws.env());
    Map<String, String> ctx = HookRunner.context("apply", "before", t, sp.pr(), null, commit);
    ctx.put("STRATA_PLAN_ID", sp.id());
    HookRunner.Outcome before = hooks.run(config.hooks().beforeApply(), ctx);
    if (!before.ok()) {
      return EnvResult.of(
              project, env, Status.ERROR, "A before-apply hook failed; nothing was applied.")
          .withHooks(before.output());
    }
    EnvResult result;
    try {
      int n = planner.strata().applyRecorded(planner.url(), file, new ApplyListener() {});
      new DriftGuard(planner.strata().dialect().diffHooks()).checkAfter(file, planner.live(), null);
      store.markPlan(sp.id(), StoredPlan.APPLIED);
      result =
          new EnvResult(
              project,
              env,
              Status.APPLIED,
              file,
              sp.id(),
              policy,
              "Applied "
                  + n
                  + " statement"
                  + (n == 1 ? "" : "s")
                  + " to "
                  + planner.url()
                  + "; the schema now matches the plan's target.",
              List.of());
    } catch (StrataException e) {
      store.markPlan(sp.id(), StoredPlan.FAILED);
      result =
          new EnvResult(
              project, env, Status.ERROR, file, sp.id(), policy, e.getMessage(), List.of());
    }
    ctx.put("STRATA_STAGE", "after");
    ctx.put("STRATA_STATUS", result.status().name().toLowerCase(java.util.Locale.ROOT));
    HookRunner.Outcome after = hooks.run(config.hooks().afterApply(), ctx);
    return result.withHooks(before.output()).withHooks(after.output());
  }

  /** Whether the plan's change is on the default branch (a commit apply always is). */
  private boolean merged(StoredPlan sp, GitopsConfig config, boolean forPr) {
    if (!forPr) {
      return true;
    }
    return ws.git()
        .tryResolveBranch(config.defaultBranch())
        .map(main -> ws.git().isAncestor(sp.head(), main))
        .orElse(false);
  }
}
