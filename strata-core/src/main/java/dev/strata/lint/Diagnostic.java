package dev.strata.lint;

/**
 * One lint finding: its stable {@code code}, {@code severity}, a message a reviewer can act on, the
 * 0-based index of the plan statement it is about ({@code null} when no statement carries it) and
 * the object it names ({@code "users.created_at"}).
 */
public record Diagnostic(
    Code code, Severity severity, String message, Integer statement, String object) {

  /** The same finding attached to another statement. */
  public Diagnostic at(Integer index) {
    return new Diagnostic(code, severity, message, index, object);
  }

  public Category category() {
    return code.category();
  }
}
