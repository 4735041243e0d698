package dev.strata.lint;

/** How serious a finding is; the {@link Policy} decides which findings block an apply. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** Lower-case word used in rendered output ("error"). */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
