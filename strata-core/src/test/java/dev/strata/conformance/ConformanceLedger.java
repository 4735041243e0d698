package dev.strata.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping every sqldef conformance runner shares: the explicit expected-failures list (each
 * entry must name a real case), the verdict per case (a listed case must fail, every other case
 * must pass), the skips with their reasons, and the report file with the counts under {@code
 * target/conformance/}.
 */
final class ConformanceLedger {
  private final String suite;
  private final Map<String, String> expected;
  private final List<String> passed = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  /** Loads the expected failures of {@code suite} and checks that each names one of the cases. */
  ConformanceLedger(String suite, List<SqldefCase> cases) {
    this.suite = suite;
    this.expected = ExpectedFailures.load("/conformance/" + suite + "-expected-failures.txt");
    for (String id : expected.keySet()) {
      assertTrue(
          cases.stream().anyMatch(c -> c.id().equals(id)), "expected failure names no case: " + id);
    }
  }

  synchronized void skip(SqldefCase c, String reason) {
    skipped.add(c.id() + ": " + reason);
  }

  /**
   * Records the outcome of a case that ran: {@code problem} is null when it converged. Fails the
   * test when the outcome contradicts the expected-failures list.
   */
  synchronized void record(SqldefCase c, String problem) {
    String reason = expected.get(c.id());
    if (problem == null) {
      passed.add(c.id());
      if (reason != null) {
        fail(c.id() + " is listed as an expected failure (" + reason + ") but now passes");
      }
    } else {
      failed.add(c.id() + ": " + problem.lines().findFirst().orElse(""));
      if (reason == null) {
        fail(c.id() + " does not converge:\n" + problem);
      }
    }
  }

  /** Writes {@code target/conformance/<suite>.txt}: the counts line, then each failure and skip. */
  synchronized void write(String where) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%s%s: %d passed, %d failed (expected), %d skipped%n",
            suite,
            where == null ? "" : " on " + where,
            passed.size(),
            failed.size(),
            skipped.size()));
    failed.forEach(f -> sb.append("FAIL ").append(f).append('\n'));
    skipped.forEach(s -> sb.append("SKIP ").append(s).append('\n'));
    try {
      Path out = Path.of("target", "conformance");
      Files.createDirectories(out);
      Files.writeString(out.resolve(suite + ".txt"), sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One convergence step through the public API: plan {@code db} towards {@code target}, apply, and
   * plan again; null when the second plan is empty, else both plans for the report.
   */
  static String step(
      dev.strata.Strata strata,
      dev.strata.dialect.DbUrl db,
      dev.strata.model.Realm target,
      String what) {
    dev.strata.plan.Plan plan = strata.plan(strata.inspect(db), target);
    strata.apply(db, plan, null);
    dev.strata.plan.Plan again = strata.plan(strata.inspect(db), target);
    if (!again.isEmpty()) {
      return what
          + ": a second plan is not empty:\n"
          + dev.strata.plan.PlanText.sql(again)
          + "-- after applying:\n"
          + dev.strata.plan.PlanText.sql(plan);
    }
    return null;
  }
}
