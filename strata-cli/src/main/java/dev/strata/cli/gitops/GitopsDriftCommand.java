package dev.strata.cli.gitops;

import java.nio.file.Path;
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
      "Compare every environment's database with the desired state on the default branch",
      "(default_branch in the config, or --branch). Exit 1 when any database drifted.",
      "",
      "Example: strata gitops drift --out drift/"
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

  @Override
  public Integer call() {
    try (var g = repo.open()) {
      return GitopsCommand.emit(spec, g.drift(branch), out);
    }
  }
}
