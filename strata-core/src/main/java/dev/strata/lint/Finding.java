package dev.strata.lint;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;

/**
 * What an {@link Analyzer} reports: a code, severity and message with the typed change it is about
 * ({@code part} is the table-level change inside a {@link SchemaChange.ModifyTable}, or null). The
 * {@link Linter} turns it into a {@link Diagnostic} by finding the statement that carries the
 * change.
 */
public record Finding(
    Code code,
    Severity severity,
    String message,
    String object,
    SchemaChange change,
    TableChange part) {

  /** A finding with the code's default severity. */
  public static Finding of(
      Code code, String object, String message, SchemaChange change, TableChange part) {
    return new Finding(code, code.severity(), message, object, change, part);
  }
}
