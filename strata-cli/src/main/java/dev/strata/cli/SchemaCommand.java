package dev.strata.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema ...}: the declarative workflow. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Inspect, compare and apply database schemas.",
    subcommands = {InspectCommand.class, DiffCommand.class, ApplyCommand.class, FmtCommand.class})
final class SchemaCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this),
        "missing subcommand: inspect, diff, apply or fmt (see 'strata schema --help')");
  }
}
