package dev.strata.gitops.run;

import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.lint.Policy;
import dev.strata.model.Realm;
import dev.strata.plan.PlanFile;
import java.util.List;

/**
 * Makes a new plan when a stored one no longer fits (the database or the desired state moved on):
 * the old plan is marked stale, the new one stored under the same pull request (or, for a commit
 * apply, under the commit) and reported for review instead of being applied.
 */
final class Replanner {
  private final StateStore store;
  private final String actor;

  Replanner(StateStore store, String actor) {
    this.store = store;
    this.actor = actor;
  }

  EnvResult replan(
      Target t,
      StoredPlan sp,
      EnvPlanner planner,
      Policy policy,
      Realm desired,
      boolean forPr,
      String commit,
      String runId,
      String why) {
    PlanFile fresh = planner.plan(desired);
    store.markPlan(sp.id(), StoredPlan.STALE);
    String id = JdbcStateStore.newId();
    int pr = forPr ? sp.pr() : 0;
    String head = forPr ? sp.head() : commit;
    boolean empty = fresh.statements().isEmpty();
    store.savePlan(
        new StoredPlan(
            id,
            runId,
            pr,
            head,
            t.project(),
            t.env().name(),
            fresh,
            empty ? StoredPlan.APPLIED : StoredPlan.PLANNED,
            JdbcStateStore.now(),
            null));
    store.audit(
        new AuditEntry(
            JdbcStateStore.now(),
            actor,
            "replan",
            sp.pr(),
            commit,
            t.project(),
            t.env().name(),
            why));
    if (empty) {
      return new EnvResult(
          t.project(),
          t.env().name(),
          Status.NO_CHANGES,
          fresh,
          id,
          policy,
          why + " The database already matches the desired state; nothing to apply.",
          List.of());
    }
    return new EnvResult(
        t.project(),
        t.env().name(),
        Status.REPLANNED,
        fresh,
        id,
        policy,
        why
            + " Nothing was applied. This is the new plan; review it and run `strata gitops apply "
            + (forPr ? "--pr " + sp.pr() : "--commit " + GitRepo.shortSha(commit))
            + "` again.",
        List.of());
  }
}
