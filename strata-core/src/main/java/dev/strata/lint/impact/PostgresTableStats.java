package dev.strata.lint.impact;

import dev.strata.StrataException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * PostgreSQL statistics: {@code pg_class.reltuples} (the planner's estimate; reported as -1,
 * unknown, before the first ANALYZE) and {@code pg_total_relation_size} (heap, TOAST and indexes).
 */
final class PostgresTableStats implements TableStats {
  private static final String SQL =
      "SELECT CASE WHEN c.reltuples < 0 OR (c.reltuples = 0 AND c.relpages > 0) THEN -1"
          + " ELSE c.reltuples::bigint END, pg_total_relation_size(c.oid)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')";

  private final Connection conn;

  PostgresTableStats(Connection conn) {
    this.conn = conn;
  }

  @Override
  public Optional<TableStat> stat(String schema, String table) {
    try (PreparedStatement ps = conn.prepareStatement(SQL)) {
      ps.setString(1, schema == null || schema.isEmpty() ? "public" : schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new TableStat(rs.getLong(1), rs.getLong(2), true))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StrataException(
          "postgres: reading statistics of " + schema + "." + table + ": " + e.getMessage(), e);
    }
  }
}
