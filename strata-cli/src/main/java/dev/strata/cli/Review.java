package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.lint.LintRender;
import dev.strata.lint.Policy;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import java.io.PrintStream;

/** Prints a plan for review: the SQL, how to undo it, lint findings, impact and the verdict. */
final class Review {
  private Review() {}

  static void print(PrintStream out, DbUrl url, Plan plan, Strata.Review review, Policy policy) {
    if (plan.isEmpty()) {
      out.println("Schema is synced, no changes to be made.");
      return;
    }
    int n = plan.statements().size();
    out.printf("Planned changes for %s (%d statement%s):%n%n", url, n, n == 1 ? "" : "s");
    out.print(PlanText.sql(plan));
    out.println();
    out.println("-- To undo:");
    out.print(PlanText.reverse(plan));
    out.println();
    out.println("-- Lint and impact:");
    out.print(LintRender.text(plan, review.lint(), review.impact(), policy));
    out.println();
  }
}
