package dev.strata.gitops.run;

import dev.strata.StrataException;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.store.EnvLock;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.plan.SchemaHash;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the reviewed plans a commit without plans of its own carries. A squash merge or a rebase
 * merge puts a pull request's change on the default branch as new commits, whose parents are not
 * the planned head; their plans are found by what they lead to: a pull request's stored plan for
 * the same environment whose target schema hash is the desired state at the commit. Candidates are
 * the pull requests holding locks, then those planned most recently. Applying such a plan still
 * goes through every check of a commit apply (desired state, starting hash, lint policy).
 */
final class CarriedPlans {
  private static final int RECENT_RUNS = 200;

  private CarriedPlans() {}

  /** The plans by "project/env" for {@code projects} at {@code commit}; empty when none match. */
  static Map<String, StoredPlan> find(
      Workspace ws, StateStore store, String commit, List<ProjectSpec> projects) {
    Set<Integer> prs = new LinkedHashSet<>();
    for (EnvLock l : store.locks()) {
      if (l.pr() > 0) {
        prs.add(l.pr());
      }
    }
    for (RunRecord r : store.runs(RECENT_RUNS)) {
      if (r.kind().equals("plan") && r.pr() > 0) {
        prs.add(r.pr());
      }
    }
    Map<String, StoredPlan> out = new LinkedHashMap<>();
    if (prs.isEmpty()) {
      return out;
    }
    for (ProjectSpec spec : projects) {
      List<Target> targets;
      try {
        targets = ws.targets(commit, spec);
      } catch (StrataException e) {
        continue; // reported by the apply itself
      }
      for (Target t : targets) {
        String want;
        try {
          want = SchemaHash.of(new EnvPlanner(t).desired());
        } catch (StrataException e) {
          continue;
        }
        for (int pr : prs) {
          for (StoredPlan p : store.plansForPr(pr)) {
            boolean usable =
                StoredPlan.PLANNED.equals(p.status()) || StoredPlan.APPLIED.equals(p.status());
            if (usable
                && p.project().equals(t.project())
                && p.env().equals(t.env().name())
                && want.equals(p.plan().toHash())) {
              out.putIfAbsent(t.key(), p);
            }
          }
        }
      }
    }
    return out;
  }
}
