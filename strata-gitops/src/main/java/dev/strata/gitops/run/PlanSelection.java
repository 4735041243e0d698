package dev.strata.gitops.run;

import dev.strata.InputException;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored plans an apply works on, by "project/env", and the commit it applies: for a pull
 * request, the plans of its most recently planned head; for a commit, its own plans, then those of
 * its parents (the merged branch first), the newest plan that is not stale winning per environment.
 */
record PlanSelection(String commit, Map<String, StoredPlan> plans) {

  static PlanSelection of(ApplyRun.Request req, StateStore store, GitRepo git) {
    if (req.pr() > 0) {
      List<StoredPlan> stored = store.plansForPr(req.pr());
      if (stored.isEmpty()) {
        throw new InputException(
            "no stored plan for PR #"
                + req.pr()
                + ": run `strata gitops plan --pr "
                + req.pr()
                + " --base BASE --head HEAD` first");
      }
      String planned = stored.get(0).head();
      if (req.commit() != null && !sameCommit(planned, req.commit(), git)) {
        throw new InputException(
            "the latest plan of PR #"
                + req.pr()
                + " is for commit "
                + GitRepo.shortSha(planned)
                + ", but the pull request's head is now "
                + GitRepo.shortSha(req.commit())
                + ": plan the new head first (comment `strata plan`, or `strata gitops plan`)."
                + " Nothing was applied.");
      }
      return new PlanSelection(planned, byTarget(stored));
    }
    String commit = git.resolve(req.commit());
    List<StoredPlan> stored = new ArrayList<>(store.plansAt(commit));
    for (String parent : git.parents(commit)) {
      stored.addAll(store.plansAt(parent));
    }
    return new PlanSelection(commit, byTarget(stored));
  }

  private static boolean sameCommit(String planned, String expected, GitRepo git) {
    if (expected.matches("[0-9a-fA-F]{40}")) {
      return planned.equalsIgnoreCase(expected);
    }
    return planned.equals(git.resolve(expected));
  }

  /** A copy of {@code p} marked applied now (for the order checks of later environments). */
  static StoredPlan applied(StoredPlan p) {
    return new StoredPlan(
        p.id(),
        p.runId(),
        p.pr(),
        p.head(),
        p.project(),
        p.env(),
        p.plan(),
        StoredPlan.APPLIED,
        p.createdAt(),
        JdbcStateStore.now());
  }

  private static Map<String, StoredPlan> byTarget(List<StoredPlan> plans) {
    Map<String, StoredPlan> out = new LinkedHashMap<>();
    for (StoredPlan p : plans) {
      if (!StoredPlan.STALE.equals(p.status())) {
        out.putIfAbsent(p.project() + "/" + p.env(), p);
      }
    }
    return out;
  }
}
