package dev.strata.cli.gitops;

import dev.strata.gitops.report.JsonReport;
import dev.strata.gitops.report.MarkdownReport;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.run.Gitops;
import dev.strata.gitops.run.PullRequests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata gitops}: plan and apply schema changes from pull requests, in any CI. */
@Command(
    name = "gitops",
    mixinStandardHelpOptions = true,
    header = "Plan the databases a pull request affects, apply them on merge.",
    description = {
      "Plan schema changes on pull requests and apply them on merge, from plain git in any CI.",
      "Configured by .strata/config.yml (see docs/config.md); plans, locks, runs and the audit",
      "log live in a state store (by default an SQLite file under .git/strata/).",
      "",
      "Example: strata gitops plan --base main --head HEAD --pr 12 --out report/"
    },
    subcommands = {
      GitopsPlanCommand.class,
      GitopsApplyCommand.class,
      GitopsApproveCommand.class,
      GitopsUnlockCommand.class,
      GitopsStatusCommand.class,
      GitopsDriftCommand.class
    })
public final class GitopsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: plan, apply, approve, unlock, status or drift");
  }

  /** Options every subcommand shares: the repository and the state store. */
  static final class RepoOptions {
    @Option(
        names = "--repo",
        paramLabel = "PATH",
        defaultValue = ".",
        description = "The git repository (default: the current directory).")
    Path repo;

    @Option(
        names = "--state",
        paramLabel = "URL",
        description =
            "State store URL, overriding storage in the config (sqlite://FILE or postgres://...).")
    String state;

    Gitops open() {
      return open(PullRequests.NONE);
    }

    Gitops open(PullRequests forge) {
      return Gitops.open(repo, System.getenv(), forge, state);
    }
  }

  /** Writes a report: Markdown to stdout, or report.md and report.json into {@code out}. */
  static int emit(CommandSpec spec, RunReport report, Path out) {
    PrintWriter o = spec.commandLine().getOut();
    String md = MarkdownReport.render(report);
    if (out == null) {
      o.print(md);
      o.flush();
      return report.exitCode();
    }
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
      Files.writeString(
          out.resolve("report.json"), JsonReport.render(report), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new dev.strata.StrataException(
          "writing the report to " + out + ": " + e.getMessage(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "Report written to "
            + out.resolve("report.md")
            + " and "
            + out.resolve("report.json")
            + (report.failed() ? " (some environments need attention)" : ""));
    err.flush();
    return report.exitCode();
  }
}
