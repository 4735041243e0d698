package dev.strata.gitops.run;

import dev.strata.StrataException;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.report.EnvResult;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.model.Realm;
import dev.strata.plan.DriftGuard;
import dev.strata.plan.PlanFile;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strata gitops drift}: compares every environment of every project with the desired state
 * at the default branch's head. An environment that differs is reported as drift, with the
 * differences in words (seen from the desired state: "table users gained column x") and the plan
 * that would bring the database back; nothing is applied or stored as a plan.
 */
final class DriftRun {
  private final Workspace ws;
  private final StateStore store;
  private final String actor;

  DriftRun(Workspace ws, StateStore store, String actor) {
    this.ws = ws;
    this.store = store;
    this.actor = actor;
  }

  RunReport run(String branch) {
    String head = ws.git().resolve("HEAD");
    GitopsConfig atHead = ws.config(head);
    String ref = branch != null ? branch : atHead.defaultBranch();
    String commit =
        branch != null
            ? ws.git().resolve(ref)
            : ws.git()
                .tryResolveBranch(ref)
                .orElseThrow(
                    () ->
                        new dev.strata.InputException(
                            "git: the default branch \""
                                + ref
                                + "\" (default_branch in .strata/config.yml) is neither a local"
                                + " branch nor origin/"
                                + ref
                                + " in "
                                + ws.git().workTree()
                                + "; fetch it or give --branch REF"));
    GitopsConfig config = ws.config(commit);
    List<String> notes = new ArrayList<>();
    if (!config.drift().enabled()) {
      notes.add("Drift detection is disabled (drift.enabled: false in .strata/config.yml).");
      return new RunReport("drift", 0, null, commit, List.of(), notes);
    }
    String runId = JdbcStateStore.newId();
    store.beginRun(
        new RunRecord(
            runId, "drift", 0, null, commit, actor, JdbcStateStore.now(), null, "running", null));
    List<EnvResult> results = new ArrayList<>();
    for (ProjectSpec spec : ws.projects(commit, config)) {
      List<Target> targets;
      try {
        targets = ws.targets(commit, spec);
      } catch (StrataException e) {
        results.add(EnvResult.of(spec.name(), "*", Status.ERROR, e.getMessage()));
        continue;
      }
      for (Target t : targets) {
        EnvResult r = check(t, ref);
        results.add(r);
        store.audit(
            new AuditEntry(
                JdbcStateStore.now(),
                actor,
                "drift",
                0,
                commit,
                t.project(),
                t.env().name(),
                r.status().word() + (r.message() == null ? "" : ": " + r.message())));
      }
    }
    if (results.isEmpty()) {
      notes.add("No project found at " + ref + ".");
    }
    RunReport report = new RunReport("drift", 0, null, commit, results, notes);
    store.finishRun(runId, report.failed() ? "drift" : "ok", PlanRun.summary(report));
    return report;
  }

  private EnvResult check(Target t, String ref) {
    try {
      EnvPlanner planner = new EnvPlanner(t);
      Realm desired = planner.desired();
      PlanFile file = planner.plan(desired);
      if (file.statements().isEmpty()) {
        return new EnvResult(
            t.project(),
            t.env().name(),
            Status.IN_SYNC,
            null,
            null,
            null,
            "The database matches " + ref + ".",
            List.of());
      }
      List<String> what =
          new DriftGuard(planner.strata().dialect().diffHooks()).explain(desired, file.from());
      return new EnvResult(
          t.project(),
          t.env().name(),
          Status.DRIFT,
          file,
          null,
          planner.policy(List.of()),
          "The database differs from "
              + ref
              + (what.isEmpty() ? "" : ": " + String.join("; ", what))
              + ". The plan below would bring it back; a pull request that changes the schema"
              + " files can adopt the change instead.",
          List.of());
    } catch (StrataException e) {
      return EnvResult.of(t.project(), t.env().name(), Status.ERROR, e.getMessage());
    }
  }
}
