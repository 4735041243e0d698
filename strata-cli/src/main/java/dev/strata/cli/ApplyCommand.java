package dev.strata.cli;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.apply.ApplyListener;
import dev.strata.lint.Diagnostic;
import dev.strata.lint.LintRender;
import dev.strata.lint.Policy;
import dev.strata.model.Realm;
import dev.strata.plan.DriftException;
import dev.strata.plan.DriftGuard;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanFile;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema apply}: plan (or read a stored plan), review, confirm and apply. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Make the database at --url match the desired schema in --to, or apply a stored plan"
          + " (--plan FILE, made by 'strata schema plan --out').",
      "Shows the plan, how to undo it, lint findings checked against the real data and the"
          + " impact, asks for confirmation, then applies it: in one transaction where the"
          + " database allows; on MySQL/MariaDB, whose DDL commits at once, statement by"
          + " statement with progress recorded in the target, so that running the same apply"
          + " again after a failure or a crash resumes where it stopped. Findings that lose data"
          + " or would fail on the data block the apply unless allowed (--allow-destructive,"
          + " --allow CODE).",
      "Every apply is recorded in the table strata_schema_revisions of the target database.",
      "",
      "Example: strata schema apply --url sqlite://app.db --to file://schema.hcl"
    })
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand SchemaCommand parent;

  @Mixin ProjectOptions project;

  @Mixin CommonOptions common;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description =
          "Apply exactly this stored plan; refused if the database changed since, unless an"
              + " interrupted apply of this plan recorded its progress there (MySQL): then it"
              + " resumes.")
  Path planFile;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
  boolean autoApprove;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      description =
          "How long a statement may wait for a table lock, and this apply for another apply's"
              + " lock, before failing instead of queueing (e.g. 500ms, 10s, 2m; default 10s,"
              + " or the URL's lock_timeout). PostgreSQL: SET lock_timeout; MySQL/MariaDB:"
              + " lock_wait_timeout in whole seconds.")
  String lockTimeout;

  @Override
  public Integer call() {
    if (planFile != null && !project.to.isEmpty()) {
      throw new InputException("give either --plan or --to, not both");
    }
    ProjectOptions.Resolved r = project.resolve(common, planFile == null, lockTimeout);
    return planFile != null ? applyStored(r) : applyDesired(r);
  }

  private int applyDesired(ProjectOptions.Resolved r) {
    Strata strata = r.strata();
    Realm desired = strata.load(r.to());
    Realm current = strata.inspect(r.url());
    Plan plan = strata.plan(current, desired, r.diff());
    if (plan.isEmpty()) {
      parent.main.io.out().println("Schema is synced, no changes to be made.");
      return 0;
    }
    Strata.Review review = strata.review(r.url(), plan, current, desired, r.lint().naming());
    PlanFile file = strata.planFile(r.url(), plan, current, desired, review);
    Review.print(parent.main.io.out(), r.url(), plan, review, r.policy());
    int code;
    try {
      code = run(r, file);
    } catch (DriftException e) {
      // raised under the apply lock, before any statement ran: the schema moved while this apply
      // waited (another apply, or a killed one whose last statement the server was finishing)
      parent
          .main
          .io
          .err()
          .println(
              "The database changed while this apply waited for the apply lock (another apply,"
                  + " or an interrupted one the server was still finishing); planning again.");
      current = strata.inspect(r.url());
      plan = strata.plan(current, desired, r.diff());
      if (plan.isEmpty()) {
        parent.main.io.out().println("Schema is synced, no changes to be made.");
        return 0;
      }
      review = strata.review(r.url(), plan, current, desired, r.lint().naming());
      file = strata.planFile(r.url(), plan, current, desired, review);
      Review.print(parent.main.io.out(), r.url(), plan, review, r.policy());
      code = run(r, file);
    }
    if (code == 0 && !dryRun) {
      Plan again = strata.plan(strata.inspect(r.url()), desired, r.diff());
      if (!again.isEmpty()) {
        parent
            .main
            .io
            .err()
            .println(
                "Warning: the database does not fully match the desired state after applying;"
                    + " a new plan would still run:\n"
                    + PlanText.sql(again));
      }
    }
    return code;
  }

  private int applyStored(ProjectOptions.Resolved r) {
    Strata strata = r.strata();
    PlanFile file = PlanFile.read(planFile);
    if (!file.dialect().equals(strata.dialect().name())) {
      throw new InputException(
          planFile
              + " is a "
              + file.dialect()
              + " plan, but "
              + r.url()
              + " is a "
              + strata.dialect().name()
              + " database");
    }
    DriftGuard guard = new DriftGuard(strata.dialect().diffHooks());
    Plan plan = file.plan();
    if (plan.isEmpty()) {
      parent.main.io.out().println("The stored plan has no changes; nothing to do.");
      return 0;
    }
    Map<Integer, String> progress = strata.interruptedProgress(r.url(), plan);
    if (progress.isEmpty()) {
      Realm live = strata.inspect(r.url());
      if (dev.strata.plan.SchemaHash.of(live).equals(file.toHash())) {
        // applied already (by this plan run twice, or by another apply a moment ago): not drift
        parent
            .main
            .io
            .out()
            .println(
                "Nothing to do: the database already has the plan's result (schema hash "
                    + file.toHash().substring(0, 12)
                    + "); it was applied before.");
        return 0;
      }
      guard.checkBefore(file, live);
    } else {
      // the schema is half-way by design: the recorded progress says where to resume
      long done = progress.values().stream().filter("done"::equals).count();
      parent
          .main
          .io
          .out()
          .printf(
              "Resuming an interrupted apply of this plan: %d of %d statements done by an"
                  + " earlier run%s.%n",
              done,
              plan.statements().size(),
              progress.containsValue("started")
                  ? "; the one it was running when it stopped runs again (counted as applied"
                      + " if the server finished it)"
                  : "");
    }
    Review.print(
        parent.main.io.out(),
        r.url(),
        plan,
        new Strata.Review(file.lint(), file.impact()),
        r.policy());
    int code = run(r, file);
    if (code == 0 && !dryRun) {
      guard.checkAfter(file, strata.inspect(r.url()), null);
      parent.main.io.out().println("Verified: the schema now matches the plan's target hash.");
    }
    return code;
  }

  /** Policy, dry run, confirmation, then the recorded apply. */
  private int run(ProjectOptions.Resolved r, PlanFile file) {
    Main.Io io = parent.main.io;
    PrintStream out = io.out();
    Policy policy = r.policy();
    List<Diagnostic> blockers = policy.blockers(file.lint());
    if (!blockers.isEmpty()) {
      StringBuilder sb =
          new StringBuilder("refusing to apply: the plan has findings that block it; nothing was")
              .append(" changed:");
      for (Diagnostic d : blockers) {
        sb.append("\n  - ").append(d.code()).append(' ').append(d.message());
      }
      sb.append("\nIf this is intended, allow them with --allow-destructive (drops) or --allow")
          .append(" CODE|CATEGORY; see ")
          .append(LintRender.DOCS)
          .append('.');
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
        r.strata()
            .applyRecorded(
                r.url(),
                file,
                new ApplyListener() {
                  @Override
                  public void done(int index, int total, Statement s, long millis) {
                    out.printf("  [%d/%d] %s (%d ms)%n", index, total, s.comment(), millis);
                  }

                  @Override
                  public void waiting(String message) {
                    io.err().println(message);
                  }
                });
    if (applied == 0 && !file.plan().isEmpty()) {
      out.println(
          "Nothing to do: the database already has the plan's result (another apply made these"
              + " changes while this one waited for the lock).");
      return 0;
    }
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
