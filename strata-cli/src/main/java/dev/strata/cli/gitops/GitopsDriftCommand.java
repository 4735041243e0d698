package dev.strata.cli.gitops;

import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.run.DriftScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops drift}: compare every environment with the default branch. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Compare every environment's database with the default branch; exit 1 on drift.",
      "The desired state is read at default_branch in the config (or --branch). Recorded as a run",
      "and in the audit log.",
      "Exit codes: 0 in sync (or, with --scheduled, not due), 1 drift found, 2 bad input,",
      "3 an environment could not be checked.",
      "",
      "--scheduled makes it cron-friendly: it checks only when drift.schedule in the config says",
      "a check is due (the store remembers the last one), and only one runner sharing the store",
      "checks a given due time.",
      "",
      "Example: strata gitops drift --out drift/",
      "         */5 * * * *  cd /repo && git pull -q && strata gitops drift --scheduled"
    })
final class GitopsDriftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GitopsCommand.RepoOptions repo;

  @Option(names = "--branch", paramLabel = "REF", description = "Compare with REF instead.")
  String branch;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write report.md and report.json into DIR instead of Markdown to stdout.")
  Path out;

  @Option(
      names = "--scheduled",
      description =
          "Check only when drift.schedule says a check is due; otherwise print when and exit 0.")
  boolean scheduled;

  @Override
  public Integer call() {
    try (var g = repo.open()) {
      if (!scheduled) {
        return exit(g.drift(branch));
      }
      if (branch != null) {
        throw new dev.strata.InputException("--scheduled checks the default branch; drop --branch");
      }
      var source = DriftScheduler.local(repo.repo, System.getenv(), repo.state);
      DriftScheduler.Tick t =
          DriftScheduler.runIfDue(
              g,
              source.name(),
              "cli-" + ProcessHandle.current().pid(),
              Duration.ofMinutes(30),
              Instant.now());
      var err = spec.commandLine().getErr();
      switch (t.outcome()) {
        case NOT_SCHEDULED ->
            err.println(
                "No drift.schedule in .strata/config.yml (or drift is disabled): nothing to do.");
        case RECORDED ->
            err.println(
                "Schedule recorded; the first scheduled check is due at " + t.nextDue() + ".");
        case NOT_DUE -> err.println("Not due: the next scheduled check is at " + t.nextDue() + ".");
        case CLAIMED_ELSEWHERE ->
            err.println(
                "Due, but another runner is checking it; the next check is at "
                    + t.nextDue()
                    + ".");
        case RAN -> {
          return exit(t.report());
        }
      }
      err.flush();
      return 0;
    }
  }

  private int exit(RunReport report) {
    int code = GitopsCommand.emit(spec, report, out);
    if (report.results().stream().anyMatch(r -> r.status() == Status.DRIFT)) {
      return 1;
    }
    return code == 0 ? 0 : 3;
  }
}
