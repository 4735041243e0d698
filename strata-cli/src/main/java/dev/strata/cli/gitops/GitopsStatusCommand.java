package dev.strata.cli.gitops;

import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.EnvLock;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StoredPlan;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops status}: locks, recent runs and (with --pr) a pull request's plans. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the locks held, the most recent runs and the audit log.",
      "With --pr N also the plans stored for that pull request and its recorded approvals.",
      "",
      "Example: strata gitops status --pr 12"
    })
final class GitopsStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GitopsCommand.RepoOptions repo;

  @Option(names = "--pr", paramLabel = "N", description = "Also list this pull request's plans.")
  int pr;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Rows per list.")
  int limit;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    try (var g = repo.open()) {
      List<EnvLock> locks = g.store().locks();
      o.println("Locks:" + (locks.isEmpty() ? " none" : ""));
      for (EnvLock l : locks) {
        o.println("  " + l.project() + "/" + l.env() + "  held by " + l.describe());
      }
      if (pr > 0) {
        List<StoredPlan> plans = g.store().plansForPr(pr);
        o.println("Plans of PR #" + pr + ":" + (plans.isEmpty() ? " none" : ""));
        for (StoredPlan p : plans) {
          o.printf(
              "  %s/%s  %s  %d statement(s)  commit %s  plan %s%n",
              p.project(),
              p.env(),
              p.status(),
              p.plan().statements().size(),
              p.head().substring(0, 7),
              p.id());
        }
      }
      if (pr > 0) {
        var approvals = g.store().approvals(pr);
        o.println("Approvals of PR #" + pr + ":" + (approvals.isEmpty() ? " none" : ""));
        for (var a : approvals) {
          o.printf("  %s  at commit %s  %s%n", a.actor(), a.head().substring(0, 7), a.approvedAt());
        }
      }
      List<RunRecord> runs = g.store().runs(limit);
      o.println("Recent runs:" + (runs.isEmpty() ? " none" : ""));
      for (RunRecord r : runs) {
        o.printf(
            "  %s  %-5s %s%s  %s  %s%n",
            r.startedAt(),
            r.kind(),
            r.pr() > 0 ? "PR #" + r.pr() + " " : "",
            r.status(),
            r.actor(),
            r.summary() == null ? "" : r.summary());
      }
      List<AuditEntry> audit = g.store().audit(limit);
      o.println("Audit log:" + (audit.isEmpty() ? " empty" : ""));
      for (AuditEntry a : audit) {
        o.printf(
            "  %s  %-7s %s  %s%s  %s%n",
            a.at(),
            a.action(),
            a.actor(),
            a.project() == null ? "" : a.project() + "/",
            a.env() == null ? "" : a.env(),
            a.detail());
      }
      o.flush();
      return 0;
    }
  }
}
