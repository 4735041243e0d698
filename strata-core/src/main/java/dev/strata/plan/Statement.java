package dev.strata.plan;

/**
 * One SQL statement of a plan with its reverse (null when it cannot be reversed, e.g. a dropped
 * column's data) and a short human comment ("add column created_at to users").
 */
public record Statement(String sql, String reverse, String comment) {}
