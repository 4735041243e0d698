package dev.strata.cli.gitops;

import dev.strata.InputException;
import dev.strata.gitops.run.ApplyRun;
import dev.strata.gitops.server.ActionsRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops apply}: apply the stored plans of a pull request or a merged commit. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the reviewed plans of a pull request or of a merged commit, in environment order.",
      "--pr N applies before merge; --commit SHA after merge (needs autoapply: true). Apply",
      "requirements and locks are checked first. A database that changed since its plan is",
      "re-planned and reported instead: nothing unreviewed is applied. Exit 1 when anything was",
      "not applied.",
      "",
      "Example: strata gitops apply --commit \"$GITHUB_SHA\""
    })
final class GitopsApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GitopsCommand.RepoOptions repo;

  @Option(names = "--pr", paramLabel = "N", description = "Apply the plans of this pull request.")
  int pr;

  @Option(names = "--commit", paramLabel = "SHA", description = "Apply the plans of this commit.")
  String commit;

  @Option(names = "--env", paramLabel = "NAME", description = "Apply only this environment.")
  String env;

  @Option(
      names = "--allow",
      paramLabel = "CODE|CATEGORY",
      split = ",",
      description = "Let lint findings of this code or category (e.g. destructive) through.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write report.md and report.json into DIR instead of Markdown to stdout.")
  Path out;

  @Option(
      names = "--github",
      description =
          "Inside GitHub Actions: apply what GITHUB_EVENT_PATH asks (a `strata apply` comment, a"
              + " merged pull request, a push) and report on the pull request and commit.")
  boolean github;

  @Override
  public Integer call() {
    if (github) {
      ActionsRunner actions = ActionsRunner.fromEnv(System.getenv());
      try (var g = repo.open(actions.pullRequests())) {
        return GitopsCommand.emit(spec, actions.apply(g, env, allow), out);
      }
    }
    if ((pr > 0) == (commit != null)) {
      throw new InputException("give exactly one of --pr N or --commit SHA");
    }
    try (var g = repo.open()) {
      return GitopsCommand.emit(spec, g.apply(new ApplyRun.Request(pr, commit, env, allow)), out);
    }
  }
}
