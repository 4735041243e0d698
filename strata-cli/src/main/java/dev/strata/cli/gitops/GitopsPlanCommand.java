package dev.strata.cli.gitops;

import dev.strata.InputException;
import dev.strata.gitops.server.ActionsRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops plan}: plan the environments a change affects and store the plans. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Plan every environment a change affects and store the plans under the pull request.",
      "Finds the projects changed between --base and --head (from the repository's objects, not",
      "the working tree), plans each of their environments against its database, stores the plans",
      "under the pull request and head commit, and writes a report. Exit 1 when an environment is",
      "locked, blocked by the lint policy or failed.",
      "",
      "Example: strata gitops plan --base origin/main --head HEAD --pr 12 --out report/"
    })
final class GitopsPlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GitopsCommand.RepoOptions repo;

  @Option(
      names = "--base",
      paramLabel = "REF",
      description =
          "The branch or commit the pull request merges into (e.g. origin/main); changed files are"
              + " those between its merge base with --head and --head.")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REF",
      description = "The pull request's head commit (e.g. HEAD); plans are stored under it.")
  String head;

  @Option(names = "--pr", paramLabel = "N", description = "Pull request number (default: none).")
  int pr;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write report.md and report.json into DIR instead of Markdown to stdout.")
  Path out;

  @Option(
      names = "--auto",
      description =
          "This run was triggered by a pull request change (CI on every push), not asked for: plan"
              + " only when autoplan is true in the config, else say so and exit 0.")
  boolean auto;

  @Option(
      names = "--github",
      description =
          "Inside GitHub Actions: plan the pull request of GITHUB_EVENT_PATH and post the report"
              + " as the pull request's Strata comment, with a commit status per environment.")
  boolean github;

  @Override
  public Integer call() {
    if (github) {
      ActionsRunner actions = ActionsRunner.fromEnv(System.getenv());
      try (var g = repo.open(actions.pullRequests())) {
        return GitopsCommand.emit(spec, actions.plan(g), out);
      }
    }
    if (base == null || head == null) {
      throw new InputException("give --base and --head (or --github inside GitHub Actions)");
    }
    try (var g = repo.open()) {
      return GitopsCommand.emit(
          spec, auto ? g.autoplan(base, head, pr) : g.plan(base, head, pr), out);
    }
  }
}
