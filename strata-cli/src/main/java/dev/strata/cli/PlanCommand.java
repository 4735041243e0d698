package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.lint.LintRender;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanFile;
import dev.strata.plan.PlanText;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema plan}: make a reviewable plan and optionally store it for apply. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Plan the change from the database at --url to the desired state in --to, lint it against"
          + " the real data, estimate its impact, and print it. With --out, store it as JSON: a"
          + " later 'strata schema apply --plan FILE' runs exactly those statements, and refuses"
          + " if the database changed in the meantime (except to resume an interrupted apply of"
          + " that same plan on MySQL/MariaDB).",
      "",
      "Example: strata schema plan --url sqlite://app.db --to file://schema.hcl --out plan.json"
    })
final class PlanCommand implements Callable<Integer> {
  @ParentCommand SchemaCommand parent;

  @Mixin ProjectOptions project;

  @Mixin CommonOptions common;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the plan as JSON to FILE.")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default), markdown or json (the plan file's content).")
  String format;

  @Override
  public Integer call() {
    String fmt = Formats.check(format, "text", "markdown", "json");
    ProjectOptions.Resolved r = project.resolve(common, true);
    Strata strata = r.strata();
    Realm desired = strata.load(r.to());
    Realm current = strata.inspect(r.url());
    Plan plan = strata.plan(current, desired, r.diff());
    Strata.Review review = strata.review(r.url(), plan, current, desired, r.lint().naming());
    PlanFile file = strata.planFile(r.url(), plan, current, desired, review);
    PrintStream o = parent.main.io.out();
    switch (fmt) {
      case "json" -> o.println(file.toJson());
      case "markdown" -> {
        o.println("```sql");
        o.print(plan.isEmpty() ? "-- no changes\n" : PlanText.sql(plan));
        o.println("```");
        o.println();
        o.print(LintRender.markdown(plan, review.lint(), review.impact(), r.policy()));
      }
      default -> Review.print(o, r.url(), plan, review, r.policy());
    }
    if (out != null) {
      file.write(out);
      parent.main.io.err().println("Plan written to " + out + " (plan hash " + file.hash() + ").");
    }
    return 0;
  }
}
