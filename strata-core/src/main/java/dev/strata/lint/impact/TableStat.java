package dev.strata.lint.impact;

/**
 * Size of one table from catalog statistics: {@code rows} (an estimate where the catalog keeps one,
 * exact for SQLite; -1 when unknown, e.g. before PostgreSQL's first ANALYZE) and {@code bytes}
 * (data and indexes; -1 when the database does not say).
 */
public record TableStat(long rows, long bytes, boolean estimated) {}
