package dev.strata.lint.rules;

import java.math.BigInteger;
import java.util.List;

/**
 * Counts rows in the target database for the data-dependent rules. Every method runs one query;
 * {@code schema} and {@code table} are as the inspector named them.
 */
public interface DataProbe {
  /** All rows of the table. */
  long rows(String schema, String table);

  /** Rows where the column is NULL. */
  long nulls(String schema, String table, String column);

  /**
   * Rows whose non-null values of {@code columns} are shared with another row ({@code where} is a
   * partial index predicate or null).
   */
  long duplicates(String schema, String table, List<String> columns, String where);

  /** Rows whose column value has more than {@code length} characters. */
  long longerThan(String schema, String table, String column, int length);

  /** Rows whose column value is below {@code min} or above {@code max}. */
  long outside(String schema, String table, String column, BigInteger min, BigInteger max);

  /** Rows whose column value is one of {@code values}. */
  long matching(String schema, String table, String column, List<String> values);
}
