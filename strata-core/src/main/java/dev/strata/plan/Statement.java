package dev.strata.plan;

/**
 * One SQL statement of a plan with its reverse (null when it cannot be reversed, e.g. a dropped
 * column's data) and a short human comment ("add column created_at to users"). {@code
 * outsideTransaction} marks statements the database refuses to run, or to make visible, inside a
 * transaction block (PostgreSQL's {@code ALTER TYPE ... ADD VALUE}, {@code CREATE INDEX
 * CONCURRENTLY}): the executor commits what came before and runs them on their own.
 */
public record Statement(String sql, String reverse, String comment, boolean outsideTransaction) {
  public Statement(String sql, String reverse, String comment) {
    this(sql, reverse, comment, false);
  }
}
