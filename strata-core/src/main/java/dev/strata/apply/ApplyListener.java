package dev.strata.apply;

import dev.strata.plan.Statement;

/** Progress callbacks of the {@link Executor}; the CLI prints them, tests may record them. */
public interface ApplyListener {
  ApplyListener NONE = new ApplyListener() {};

  /** Before statement {@code index} (1-based) of {@code total} runs. */
  default void starting(int index, int total, Statement statement) {}

  /** After statement {@code index} ran, with its duration in milliseconds. */
  default void done(int index, int total, Statement statement, long millis) {}

  /**
   * The apply waits for the per-database lock that another apply holds; {@code message} says who
   * holds it and how long this one waits. Called at most once per apply, before any statement.
   */
  default void waiting(String message) {}
}
