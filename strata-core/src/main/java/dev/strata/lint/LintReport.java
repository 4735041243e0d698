package dev.strata.lint;

import java.util.List;

/** The diagnostics of one plan, ordered by statement index (unattached last), then by code. */
public record LintReport(List<Diagnostic> diagnostics) {
  public LintReport {
    diagnostics = List.copyOf(diagnostics);
  }

  public static final LintReport EMPTY = new LintReport(List.of());

  public boolean isEmpty() {
    return diagnostics.isEmpty();
  }

  /** The diagnostics of the given severity. */
  public List<Diagnostic> with(Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).toList();
  }

  /** The diagnostics attached to statement {@code index}. */
  public List<Diagnostic> forStatement(int index) {
    return diagnostics.stream()
        .filter(d -> d.statement() != null && d.statement() == index)
        .toList();
  }
}
