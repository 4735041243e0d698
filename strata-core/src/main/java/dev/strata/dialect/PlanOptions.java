package dev.strata.dialect;

/**
 * How a planner may spell changes, beyond what the diff says: {@code concurrentIndexCreate} and
 * {@code concurrentIndexDrop} ask PostgreSQL to build and drop indexes of existing tables with
 * {@code CONCURRENTLY} (outside the plan's transaction). Dialects without such a choice ignore it.
 */
public record PlanOptions(boolean concurrentIndexCreate, boolean concurrentIndexDrop) {
  public static final PlanOptions DEFAULT = new PlanOptions(false, false);
}
