package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.apply.ApplyListener;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.diff.Destructive;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema apply}: plan, show, confirm and apply. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Make the database at --url match the desired schema in --to.",
      "Shows the plan (and how to undo it), asks for confirmation, then applies it in one",
      "transaction: a failing statement rolls everything back. Dropping tables or columns is",
      "refused unless --allow-destructive is given.",
      "",
      "Example: strata schema apply --url sqlite://app.db --to file://schema.hcl"
    })
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand SchemaCommand parent;

  @Option(
      names = {"-u", "--url"},
      required = true,
      paramLabel = "URL",
      description = "Database to change, e.g. sqlite://app.db.")
  String url;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REF",
      description = "Desired state: .hcl or .sql file, directory of them, or a database URL.")
  String to;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
  boolean autoApprove;

  @Option(
      names = "--allow-destructive",
      description = "Allow changes that drop tables or columns (their data is lost).")
  boolean allowDestructive;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    DbUrl db = DbUrl.parse(url);
    Dialect d = Strata.dialectFor(db);
    Strata strata =
        new Strata(
            new LoadContext(d, db, common.devDbUrl(), common.varMap(), common.inspectOptions()));
    Main.Io io = parent.main.io;
    PrintStream out = io.out();
    Realm desired = strata.load(to);
    Realm current = strata.inspect(db);
    Plan plan = strata.plan(current, desired);
    if (plan.isEmpty()) {
      out.println("Schema is synced, no changes to be made.");
      return 0;
    }
    int n = plan.statements().size();
    out.printf("Planned changes for %s (%d statement%s):%n%n", db, n, n == 1 ? "" : "s");
    out.print(PlanText.sql(plan));
    out.println();
    out.println("-- To undo:");
    out.print(PlanText.reverse(plan));
    out.println();
    List<String> drops = Destructive.find(plan.changes());
    if (!drops.isEmpty() && !allowDestructive) {
      StringBuilder sb =
          new StringBuilder("refusing to apply a plan that loses data; nothing was changed:");
      drops.forEach(x -> sb.append("\n  - ").append(x));
      sb.append("\nRe-run with --allow-destructive if this is intended.");
      throw new StrataException(sb.toString());
    }
    if (dryRun) {
      out.println("Dry run: nothing was changed.");
      return 0;
    }
    if (!autoApprove && !confirm(io)) {
      io.err().println("Aborted: nothing was changed.");
      return 1;
    }
    long start = System.nanoTime();
    int applied =
        strata.apply(
            db,
            plan,
            new ApplyListener() {
              @Override
              public void done(int index, int total, Statement s, long millis) {
                out.printf("  [%d/%d] %s (%d ms)%n", index, total, s.comment(), millis);
              }
            });
    out.printf(
        "Applied %d statement%s in %d ms.%n",
        applied, applied == 1 ? "" : "s", (System.nanoTime() - start) / 1_000_000);
    return 0;
  }

  private static boolean confirm(Main.Io io) {
    io.out().print("Apply these changes? [y/N]: ");
    io.out().flush();
    try {
      String line = io.in().readLine();
      if (line == null) {
        io.err().println();
        io.err()
            .println("No answer on standard input; use --auto-approve to apply without asking.");
        return false;
      }
      String a = line.trim().toLowerCase(Locale.ROOT);
      return a.equals("y") || a.equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
