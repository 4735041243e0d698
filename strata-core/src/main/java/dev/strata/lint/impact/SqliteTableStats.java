package dev.strata.lint.impact;

import dev.strata.StrataException;
import dev.strata.lint.rules.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SQLite statistics: exact row counts with {@code count(*)} (SQLite keeps no estimate) and the
 * bytes of the table and its indexes from the {@code dbstat} virtual table when the library was
 * built with it (-1 otherwise). Results are cached per table for the life of the object.
 */
final class SqliteTableStats implements TableStats {
  private final Connection conn;
  private final Map<String, Optional<TableStat>> cache = new HashMap<>();
  private Boolean dbstat;

  SqliteTableStats(Connection conn) {
    this.conn = conn;
  }

  @Override
  public Optional<TableStat> stat(String schema, String table) {
    return cache.computeIfAbsent(schema + "." + table, k -> read(schema, table));
  }

  private Optional<TableStat> read(String schema, String table) {
    String from = SqlNames.qualified("sqlite", schema, table);
    try {
      if (!exists(schema, table)) {
        return Optional.empty();
      }
      long rows;
      try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM " + from);
          ResultSet rs = ps.executeQuery()) {
        rows = rs.next() ? rs.getLong(1) : 0;
      }
      return Optional.of(new TableStat(rows, bytes(schema, table), false));
    } catch (SQLException e) {
      throw new StrataException(
          "sqlite: reading statistics of " + table + ": " + e.getMessage(), e);
    }
  }

  private boolean exists(String schema, String table) throws SQLException {
    String master =
        SqlNames.quote("sqlite", schema == null || schema.isEmpty() ? "main" : schema)
            + ".sqlite_master";
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT 1 FROM " + master + " WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private long bytes(String schema, String table) {
    if (Boolean.FALSE.equals(dbstat)) {
      return -1;
    }
    String sql =
        "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = ? COLLATE NOCASE"
            + " OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? COLLATE NOCASE)";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, table);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        dbstat = true;
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      dbstat = false; // "no such table: dbstat": built without SQLITE_ENABLE_DBSTAT_VTAB
      return -1;
    }
  }
}
