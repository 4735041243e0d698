package dev.strata.gitops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.lint.Code;
import dev.strata.lint.Diagnostic;
import dev.strata.lint.LintReport;
import dev.strata.lint.Policy;
import dev.strata.lint.Severity;
import dev.strata.plan.PlanFile;
import dev.strata.plan.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports fit one comment: the longest parts fold first, the summary table always stays. */
class MarkdownReportTest {
  private static EnvResult env(String name, int statements) {
    List<Statement> st = new ArrayList<>();
    for (int i = 0; i < statements; i++) {
      st.add(
          new Statement(
              "CREATE TABLE t" + i + " (id integer PRIMARY KEY, payload text NOT NULL)",
              "DROP TABLE t" + i,
              "create table t" + i));
    }
    PlanFile plan =
        new PlanFile(
            "now",
            "sqlite://x.db",
            "sqlite",
            "a",
            "b",
            true,
            st,
            LintReport.EMPTY,
            List.of(),
            null);
    return new EnvResult(
        "db", name, Status.PLANNED, plan, "plan-" + name, Policy.DEFAULT, "ok", List.of());
  }

  @Test
  void aHugePlanIsFoldedUnderTheLimitAndTheSmallOneStays() {
    RunReport r =
        new RunReport(
            "plan",
            3,
            "b",
            "0123456789abcdef",
            List.of(env("big", 3000), env("small", 2)),
            List.of());
    String md = MarkdownReport.render(r);
    assertTrue(md.length() <= MarkdownReport.LIMIT, "length " + md.length());
    assertTrue(md.contains("| db | big | planned | 3000 statements |"));
    assertTrue(md.contains("SQL · 3000 statements (folded)"));
    assertTrue(md.contains("stored plan plan-big"));
    assertTrue(md.contains("CREATE TABLE t1 (id"), "the small plan's SQL is kept");
    assertTrue(md.contains("DROP TABLE t1;"), "the small plan's reverse is kept");
  }

  @Test
  void lintCodesAreNotLinkedToPagesTheUsersRepositoryDoesNotHave() {
    EnvResult e = env("dev", 1);
    PlanFile p = e.plan();
    PlanFile withFinding =
        new PlanFile(
            p.createdAt(),
            p.target(),
            p.dialect(),
            p.fromHash(),
            p.toHash(),
            p.transactional(),
            p.statements(),
            new LintReport(
                List.of(
                    new Diagnostic(
                        Code.DS102, Severity.ERROR, "table t0 is dropped with 3 rows", 0, "t0"))),
            List.of(),
            null);
    String md =
        MarkdownReport.render(
            new RunReport(
                "plan",
                1,
                "b",
                "abc",
                List.of(
                    new EnvResult(
                        "db",
                        "dev",
                        Status.BLOCKED,
                        withFinding,
                        "id",
                        Policy.DEFAULT,
                        "blocked",
                        List.of())),
                List.of()));
    assertTrue(md.contains("| `DS102` | #1 | table t0 is dropped with 3 rows |"), md);
    assertTrue(!md.contains("lint.md"), md);
  }

  @Test
  void whenFoldingIsNotEnoughTheCutKeepsTheMarkdownWhole() {
    List<EnvResult> many = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      many.add(
          env("env" + i, 1)
              .with(
                  Status.ERROR,
                  "could not connect: " + "a long reason ".repeat(15 + i % 7) + i + ";"));
    }
    String md = MarkdownReport.render(new RunReport("plan", 5, "b", "abc", many, List.of()));
    assertTrue(md.length() <= MarkdownReport.LIMIT, "length " + md.length());
    String note = "\n\n_… cut to fit one comment; see report.json for everything._\n";
    assertTrue(md.endsWith(note), md);
    String kept = md.substring(0, md.length() - note.length());
    // The cut falls between whole parts (each ends with a blank line), so no block is left open.
    assertTrue(kept.endsWith("\n\n"), kept.substring(kept.length() - 200));
    assertEquals(
        kept.split("<details>", -1).length, kept.split("</details>", -1).length, "details closed");
    assertEquals(1, kept.split("```", -1).length % 2, "every code fence is closed");
    String lastTitle = kept.substring(kept.lastIndexOf("### db · env"));
    String n = lastTitle.substring("### db · env".length(), lastTitle.indexOf(' ', 12));
    assertTrue(lastTitle.contains("a long reason " + n + ";\n\n"), lastTitle);
  }

  @Test
  void aSmallReportIsNotFolded() {
    String md =
        MarkdownReport.render(
            new RunReport("plan", 0, "b", "abc", List.of(env("dev", 2)), List.of()));
    assertTrue(!md.contains("folded"), md);
    assertTrue(md.contains("\n#### Lint\n"), "lint sits under its environment's heading: " + md);
    assertTrue(!md.contains("\n### Lint"), md);
    assertTrue(md.contains("```sql\n-- create table t0\nCREATE TABLE t0"), md);
  }
}
