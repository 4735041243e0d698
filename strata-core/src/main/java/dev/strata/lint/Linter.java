package dev.strata.lint;

import dev.strata.lint.rules.CompatibilityAnalyzer;
import dev.strata.lint.rules.DataAnalyzer;
import dev.strata.lint.rules.DestructiveAnalyzer;
import dev.strata.lint.rules.LockingAnalyzer;
import dev.strata.lint.rules.NamingAnalyzer;
import dev.strata.lint.rules.NamingRule;
import dev.strata.lint.rules.RenameAnalyzer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs analyzers over a plan and attaches each finding to the statement that carries its change
 * ({@link StatementLocator}). The report is sorted by statement, then code, then object.
 */
public final class Linter {
  private final List<Analyzer> analyzers;

  public Linter(List<Analyzer> analyzers) {
    this.analyzers = List.copyOf(analyzers);
  }

  /** The standard analyzers, with the project's naming rules (may be empty). */
  public static Linter standard(List<NamingRule> naming) {
    return new Linter(
        List.of(
            new DestructiveAnalyzer(),
            new DataAnalyzer(),
            new CompatibilityAnalyzer(),
            new LockingAnalyzer(),
            new NamingAnalyzer(naming),
            new RenameAnalyzer()));
  }

  public List<Analyzer> analyzers() {
    return analyzers;
  }

  public LintReport lint(LintContext ctx) {
    StatementLocator locator = new StatementLocator(ctx.plan().statements());
    List<Diagnostic> out = new ArrayList<>();
    for (Analyzer a : analyzers) {
      for (Finding f : a.analyze(ctx)) {
        Integer at = f.change() == null ? null : locator.locate(f.change(), f.part());
        out.add(new Diagnostic(f.code(), f.severity(), f.message(), at, f.object()));
      }
    }
    out.sort(
        Comparator.comparing(
                (Diagnostic d) -> d.statement() == null ? Integer.MAX_VALUE : d.statement())
            .thenComparing(Diagnostic::code)
            .thenComparing(d -> d.object() == null ? "" : d.object()));
    return new LintReport(out);
  }
}
