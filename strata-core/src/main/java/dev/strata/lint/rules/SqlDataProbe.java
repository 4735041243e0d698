package dev.strata.lint.rules;

import dev.strata.StrataException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link DataProbe} over a JDBC connection with portable SQL: {@code COUNT(*)} queries whose only
 * dialect-specific parts are identifier quoting (backticks for MySQL and MariaDB, double quotes
 * elsewhere) and the character-length function ({@code length} in SQLite, {@code char_length}
 * elsewhere); PostgreSQL compares enum columns as text. Values are bound as parameters; range
 * bounds are computed numbers and inlined so that every database compares them as numbers.
 */
public final class SqlDataProbe implements DataProbe {
  private final Connection conn;
  private final String dialect;

  public SqlDataProbe(Connection conn, String dialect) {
    this.conn = conn;
    this.dialect = dialect;
  }

  @Override
  public long rows(String schema, String table) {
    return count(
        "counting rows of " + schema + "." + table,
        "SELECT COUNT(*) FROM " + from(schema, table),
        List.of());
  }

  @Override
  public long nulls(String schema, String table, String column) {
    return count(
        "counting NULLs in " + table + "." + column,
        "SELECT COUNT(*) FROM " + from(schema, table) + " WHERE " + q(column) + " IS NULL",
        List.of());
  }

  @Override
  public long duplicates(String schema, String table, List<String> columns, String where) {
    String cols = columns.stream().map(this::q).collect(Collectors.joining(", "));
    String notNull =
        columns.stream().map(c -> q(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
    String filter = where == null || where.isBlank() ? "" : " AND (" + where + ")";
    String sql =
        "SELECT COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM "
            + from(schema, table)
            + " WHERE "
            + notNull
            + filter
            + " GROUP BY "
            + cols
            + " HAVING COUNT(*) > 1) d";
    return count(
        "counting duplicates in " + table + "(" + String.join(", ", columns) + ")", sql, List.of());
  }

  @Override
  public long longerThan(String schema, String table, String column, int length) {
    String fn = dialect.equals("sqlite") ? "length" : "char_length";
    return count(
        "measuring " + table + "." + column,
        "SELECT COUNT(*) FROM "
            + from(schema, table)
            + " WHERE "
            + fn
            + "("
            + q(column)
            + ") > "
            + length,
        List.of());
  }

  @Override
  public long outside(String schema, String table, String column, BigInteger min, BigInteger max) {
    return count(
        "checking the range of " + table + "." + column,
        "SELECT COUNT(*) FROM "
            + from(schema, table)
            + " WHERE "
            + q(column)
            + " < "
            + min
            + " OR "
            + q(column)
            + " > "
            + max,
        List.of());
  }

  @Override
  public long matching(String schema, String table, String column, List<String> values) {
    if (values.isEmpty()) {
      return 0;
    }
    String marks = values.stream().map(v -> "?").collect(Collectors.joining(", "));
    return count(
        "counting uses of " + table + "." + column,
        "SELECT COUNT(*) FROM "
            + from(schema, table)
            + " WHERE "
            // PostgreSQL has no operator comparing an enum type with the bound varchar
            + (dialect.equals("postgres") ? "CAST(" + q(column) + " AS text)" : q(column))
            + " IN ("
            + marks
            + ")",
        values);
  }

  private String from(String schema, String table) {
    return SqlNames.qualified(dialect, schema, table);
  }

  private String q(String name) {
    return SqlNames.quote(dialect, name);
  }

  private long count(String what, String sql, List<String> params) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setString(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new StrataException(
          dialect.toLowerCase(Locale.ROOT) + ": lint: " + what + ": " + e.getMessage(), e);
    }
  }
}
