package dev.strata.cli;

import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code strata} command line. {@link #run} returns the exit code instead of exiting, so that
 * tests drive the real CLI: 0 success (also "nothing to do"), 1 failure or blocked by policy, 2 bad
 * usage or bad input.
 */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Declarative database schema migrations: make a database match its schema as code.",
    subcommands = {
      SchemaCommand.class,
      dev.strata.cli.gitops.GitopsCommand.class,
      dev.strata.cli.server.ServerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  final Io io;

  Main(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "missing command: try 'strata schema --help'");
  }

  public static void main(String[] args) {
    // Drivers must not write to the terminal behind our back: errors reach the user through
    // Strata's own messages, with passwords masked.
    if (System.getProperty("mariadb.logging.disable") == null) {
      System.setProperty("mariadb.logging.disable", "true");
    }
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the CLI with the given streams; returns the exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Io io =
        new Io(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)),
            out,
            err,
            System.console() != null && in == System.in);
    CommandLine cl = new CommandLine(new Main(io));
    // Descriptions are written as lines of up to ~95 characters: at picocli's default width of 80
    // they would be re-wrapped mid-sentence, and command lists would show half a first line.
    cl.setUsageHelpWidth(100);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("Error: " + DbUrl.mask(ex.getMessage()));
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println(
                "Run '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
          }
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof StrataException se) {
            err.println("Error: " + DbUrl.mask(se.getMessage()));
            return se.exitCode();
          }
          err.println("Error: internal error: " + DbUrl.mask(String.valueOf(ex)));
          ex.printStackTrace(err);
          return 1;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The streams a command talks through; {@code interactive} when a person sits at a terminal. */
  record Io(BufferedReader in, PrintStream out, PrintStream err, boolean interactive) {}

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"strata " + (v == null ? "dev" : v)};
    }
  }
}
