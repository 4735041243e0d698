package dev.strata.lint.impact;

import dev.strata.StrataException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * MySQL and MariaDB statistics from {@code information_schema.TABLES}: {@code TABLE_ROWS} (an
 * estimate for InnoDB) and {@code DATA_LENGTH + INDEX_LENGTH}. A null schema means the connection's
 * current database.
 */
final class MysqlTableStats implements TableStats {
  private static final String SQL =
      "SELECT COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0)"
          + " FROM information_schema.TABLES"
          + " WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?";

  private final Connection conn;

  MysqlTableStats(Connection conn) {
    this.conn = conn;
  }

  @Override
  public Optional<TableStat> stat(String schema, String table) {
    try (PreparedStatement ps = conn.prepareStatement(SQL)) {
      ps.setString(1, schema == null || schema.isEmpty() ? null : schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new TableStat(rs.getLong(1), rs.getLong(2), true))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StrataException(
          "mysql: reading statistics of " + schema + "." + table + ": " + e.getMessage(), e);
    }
  }
}
