package dev.strata.dialect.postgres;

import dev.strata.StrataException;
import dev.strata.dialect.InspectOptions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs the inspector's catalog queries: each query is run once for all schemas in scope (bound as a
 * {@code text[]} to every {@code ?}), and its rows handed to a callback. Also holds the {@code
 * exclude} globs of the inspect options.
 */
final class PostgresCatalog {
  /**
   * SQL fragment: the object {@code oidExpr} of catalog {@code catalog} belongs to no extension.
   */
  static String notInExtension(String catalog, String oidExpr) {
    return "NOT EXISTS (SELECT 1 FROM pg_depend xd WHERE xd.classid = '"
        + catalog
        + "'::regclass AND xd.objid = "
        + oidExpr
        + " AND xd.deptype = 'e')";
  }

  /** One row callback that may throw SQLException. */
  interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private final Connection conn;
  private int serverMajor = -1;
  private final List<Pattern> exclude;
  private List<String> schemas = List.of();

  PostgresCatalog(Connection conn, InspectOptions options) {
    this.conn = conn;
    this.exclude = options.exclude().stream().map(PostgresCatalog::glob).toList();
  }

  void schemas(List<String> names) {
    this.schemas = List.copyOf(names);
  }

  /** Runs {@code sql} with the schema list bound to each {@code ?}; {@code what} names errors. */
  void query(String what, String sql, Row row) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      int params = (int) sql.chars().filter(ch -> ch == '?').count();
      if (params > 0) {
        Array arr = conn.createArrayOf("text", schemas.toArray());
        for (int i = 1; i <= params; i++) {
          ps.setArray(i, arr);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    } catch (SQLException e) {
      throw new StrataException("postgres: inspecting " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether an exclude glob matches the schema's own name ({@code --exclude audit}): the whole
   * schema is then out of scope, like a schema not named by {@code --schema}, so it is neither
   * inspected nor dropped.
   */
  boolean excludedSchema(String schema) {
    for (Pattern p : exclude) {
      if (p.matcher(schema).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The first object excluded in each schema, by schema. */
  private final java.util.Map<String, String> excludedIn = new java.util.HashMap<>();

  /** An object of {@code schema} that an exclude glob left out ({@code schema.name}), or null. */
  String excludedObject(String schema) {
    return excludedIn.get(schema);
  }

  /** Whether an exclude glob matches {@code name} or {@code schema.name}. */
  boolean excluded(String schema, String name) {
    for (Pattern p : exclude) {
      if (p.matcher(name).matches() || p.matcher(schema + "." + name).matches()) {
        excludedIn.putIfAbsent(schema, schema + "." + name);
        return true;
      }
    }
    return false;
  }

  /** A text[] column as a list (empty for null). */
  static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array a = rs.getArray(column);
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (Object o : (Object[]) a.getArray()) {
        out.add(o == null ? null : o.toString());
      }
    }
    return out;
  }

  /** A nullable bigint column. */
  static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Pattern glob(String g) {
    StringBuilder sb = new StringBuilder();
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString());
  }

  /** The server's major version (e.g. 15), read once; older servers lack some catalog columns. */
  int serverMajor() {
    if (serverMajor < 0) {
      try {
        serverMajor = conn.getMetaData().getDatabaseMajorVersion();
      } catch (java.sql.SQLException e) {
        throw new dev.strata.StrataException(
            "postgres: reading the server version: " + e.getMessage(), e);
      }
    }
    return serverMajor;
  }
}
