/**
 * The SQLite dialect: bulk inspection of schema {@code main}, SQLite's equivalence rules for the
 * Differ, and a planner that uses {@code ALTER TABLE} where SQLite allows it and rebuilds tables
 * otherwise (see {@link dev.strata.dialect.sqlite.SqliteDialect} for the entry point).
 */
package dev.strata.dialect.sqlite;
