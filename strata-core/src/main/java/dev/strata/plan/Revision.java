package dev.strata.plan;

/**
 * One row of the revision log: which plan ran ({@code planHash}, the schema hashes and the SQL), by
 * whom, when (ISO-8601 UTC), how long it took and how it ended ({@code result} is {@code "ok"} or
 * {@code "failed"} with the {@code error}).
 */
public record Revision(
    String id,
    String planHash,
    String fromHash,
    String toHash,
    String appliedBy,
    String appliedAt,
    long durationMs,
    int statements,
    String sql,
    String result,
    String error) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";
}
