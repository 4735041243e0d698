package dev.strata.cli.gitops;

import dev.strata.InputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops unlock}: release environment locks by hand. */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = {
      "Release the locks of a pull request or of a project's environments (audited).",
      "--pr N releases every lock of the pull request; --project P [--env E] those of a project.",
      "",
      "Example: strata gitops unlock --project db --env production"
    })
final class GitopsUnlockCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GitopsCommand.RepoOptions repo;

  @Option(names = "--pr", paramLabel = "N", description = "Release every lock of this PR.")
  int pr;

  @Option(names = "--project", paramLabel = "NAME", description = "The project (its name or dir).")
  String project;

  @Option(names = "--env", paramLabel = "NAME", description = "Only this environment.")
  String env;

  @Override
  public Integer call() {
    if ((pr > 0) == (project != null)) {
      throw new InputException("give exactly one of --pr N or --project NAME [--env NAME]");
    }
    try (var g = repo.open()) {
      int n = pr > 0 ? g.unlockPr(pr) : g.unlock(project, env);
      spec.commandLine()
          .getOut()
          .println(
              n == 0 ? "No lock to release." : "Released " + n + " lock" + (n == 1 ? "." : "s."));
      return 0;
    }
  }
}
