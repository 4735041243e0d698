package dev.strata.cli.gitops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops approve}: record an approval of a pull request with plain git. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Record or revoke an approval of a pull request, for apply_requirements without a forge.",
      "It is kept in the state store and counted by apply_requirements.approvals. An approval is",
      "tied to the head commit: after a new commit it no longer counts (unless",
      "dismiss_stale_approvals: false). Each person counts once. Audited.",
      "Plain git cannot verify who runs this: restrict who can run it (CI permissions).",
      "",
      "Example: strata gitops approve --pr 12 --user alice"
    })
final class GitopsApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GitopsCommand.RepoOptions repo;

  @Option(names = "--pr", paramLabel = "N", required = true, description = "The pull request.")
  int pr;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description =
          "Who approves (default: STRATA_ACTOR, GITHUB_ACTOR, GITLAB_USER_LOGIN or USER).")
  String user;

  @Option(
      names = "--head",
      paramLabel = "REF",
      description = "The head commit approved (default: the PR's most recently planned head).")
  String head;

  @Option(names = "--revoke", description = "Withdraw the user's approvals of the PR instead.")
  boolean revoke;

  @Override
  public Integer call() {
    try (var g = repo.open()) {
      String message = revoke ? g.revokeApproval(pr, user) : g.approve(pr, user, head);
      spec.commandLine().getOut().println(message);
      return 0;
    }
  }
}
