package dev.strata.lint.impact;

import java.sql.Connection;
import java.util.Locale;
import java.util.Optional;

/**
 * Table sizes for impact estimates and locking rules, read from the catalog with plain SQL. One
 * implementation per dialect name; {@link #forDialect} picks it.
 */
public interface TableStats {
  /** Statistics of a table; empty when the table does not exist or the catalog has nothing. */
  Optional<TableStat> stat(String schema, String table);

  /** No statistics at all. */
  TableStats NONE = (schema, table) -> Optional.empty();

  /** The statistics reader for a dialect name ("sqlite", "postgres", "mysql", "maria"). */
  public static TableStats forDialect(String dialect, Connection conn) {
    return switch (dialect.toLowerCase(Locale.ROOT)) {
      case "sqlite" -> new SqliteTableStats(conn);
      case "postgres" -> new PostgresTableStats(conn);
      case "mysql", "maria", "mariadb" -> new MysqlTableStats(conn);
      default -> NONE;
    };
  }
}
