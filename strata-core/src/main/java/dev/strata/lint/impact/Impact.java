package dev.strata.lint.impact;

/**
 * The estimated impact of one plan statement: the table it touches and its size ({@code rows} and
 * {@code bytes} null when unknown), the lock it takes, what it does to the rows ({@link Work}) and
 * a rough {@link Duration} class.
 */
public record Impact(
    int statement, String table, Long rows, Long bytes, String lock, Work work, Duration duration) {

  /** What a statement does to the rows of the table it touches. */
  public enum Work {
    /** Catalog-only change. */
    NONE,
    /** Reads every row (validation, NOT NULL check). */
    SCAN,
    /** Reads every row and writes an index. */
    BUILD,
    /** Writes every row again: a rewrite in place or a copy to a new table. */
    REWRITE
  }

  /** A rough duration class from the work and the table's size. */
  public enum Duration {
    INSTANT,
    SECONDS,
    MINUTES,
    HOURS,
    UNKNOWN;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether the statement rewrites or copies the table. */
  public boolean rewrites() {
    return work == Work.REWRITE;
  }
}
