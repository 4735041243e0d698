package dev.strata.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Diagnostic DROP = new Diagnostic(Code.DS102, Severity.ERROR, "drop", 0, "t");
  private static final Diagnostic NULLS =
      new Diagnostic(Code.DD101, Severity.ERROR, "nulls", 1, "t.c");
  private static final Diagnostic LOCK =
      new Diagnostic(Code.LK101, Severity.WARNING, "lock", 2, "t");
  private static final Diagnostic VIEW =
      new Diagnostic(Code.DS104, Severity.WARNING, "view", 3, "v");
  private static final LintReport REPORT = new LintReport(List.of(DROP, NULLS, LOCK, VIEW));

  @Test
  void defaultBlocksDestructiveAndDataErrorsOnly() {
    assertEquals(List.of(DROP, NULLS), Policy.DEFAULT.blockers(REPORT));
    assertTrue(Policy.DEFAULT.blocks(REPORT));
    assertFalse(Policy.DEFAULT.blocks(new LintReport(List.of(LOCK, VIEW))));
  }

  @Test
  void allowancesByCodeAndCategoryUnblock() {
    Policy p = Policy.DEFAULT.allow("ds102");
    assertEquals(List.of(NULLS), p.blockers(REPORT));
    assertEquals(List.of(DROP), p.allowances(REPORT));
    assertFalse(p.allow("data_dependent").blocks(REPORT));
    assertFalse(Policy.DEFAULT.allowAll(List.of("destructive", "DD101")).blocks(REPORT));
  }

  @Test
  void categoriesCanBeTurnedOffAndOn() {
    Policy p = Policy.DEFAULT.withError(Category.DESTRUCTIVE, false);
    assertEquals(List.of(NULLS), p.blockers(REPORT));
    Diagnostic lockError = new Diagnostic(Code.LK101, Severity.ERROR, "lock", 2, "t");
    LintReport r = new LintReport(List.of(lockError));
    assertFalse(Policy.DEFAULT.blocks(r));
    assertTrue(Policy.DEFAULT.withError(Category.LOCKING, true).blocks(r));
  }

  @Test
  void unknownAllowanceIsAnInputError() {
    InputException e = assertThrows(InputException.class, () -> Policy.DEFAULT.allow("XX1"));
    assertTrue(e.getMessage().startsWith("unknown lint code or category \"XX1\""));
  }

  @Test
  void renderersShowVerdictAndLinks() {
    dev.strata.plan.Plan plan =
        new dev.strata.plan.Plan(
            List.of(),
            List.of(
                new dev.strata.plan.Statement("DROP TABLE t", null, null),
                new dev.strata.plan.Statement("ALTER TABLE t ADD c int NOT NULL", null, null),
                new dev.strata.plan.Statement("CREATE INDEX i ON t (c)", null, null),
                new dev.strata.plan.Statement("DROP VIEW v", null, null)),
            true);
    String text = LintRender.text(plan, REPORT, List.of(), Policy.DEFAULT);
    assertTrue(text.startsWith("error   DS102  #1  drop\n"), text);
    assertTrue(
        text.endsWith(
            "blocked by policy: 2 findings (DS102, DD101); allow them with --allow CODE or a lint block in strata.hcl\n"),
        text);
    String md =
        LintRender.markdown(
            plan,
            REPORT,
            List.of(),
            Policy.DEFAULT.allowAll(List.of("destructive", "data_dependent")));
    assertTrue(md.contains("| error | [DS102](docs/lint.md#ds102) | #1 | drop |"), md);
    assertTrue(md.contains("**not blocked: 2 errors, 2 warnings (2 allowed explicitly)**"), md);
    String json = LintRender.json(REPORT, List.of(), Policy.DEFAULT);
    assertTrue(json.contains("\"blockers\": [\n    \"DS102\",\n    \"DD101\"\n  ]"), json);
  }
}
