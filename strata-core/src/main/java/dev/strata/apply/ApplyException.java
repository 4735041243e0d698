package dev.strata.apply;

import dev.strata.StrataException;

/**
 * A statement of a plan failed. Carries the failing statement, its 1-based position, how many
 * statements stayed applied (0 when the transaction rolled back) and the database's message.
 */
public class ApplyException extends StrataException {
  private final int failedIndex;
  private final String failedSql;
  private final int appliedCount;

  public ApplyException(
      String message, int failedIndex, String failedSql, int appliedCount, Throwable cause) {
    super(message, cause);
    this.failedIndex = failedIndex;
    this.failedSql = failedSql;
    this.appliedCount = appliedCount;
  }

  public int failedIndex() {
    return failedIndex;
  }

  public String failedSql() {
    return failedSql;
  }

  public int appliedCount() {
    return appliedCount;
  }
}
