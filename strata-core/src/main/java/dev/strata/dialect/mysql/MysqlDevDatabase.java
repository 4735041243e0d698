package dev.strata.dialect.mysql;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.change.SchemaChange;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import dev.strata.plan.Plan;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A scratch MySQL database: by default a temporary database {@code strata_dev_<random>} created on
 * the target's server (or on the {@code --dev-url} server) and dropped on close; with a {@code
 * --dev-url} that names a database, that database, which must be empty and is emptied again on
 * close. The dev database is inspected under the target's database name (its alias), so that
 * desired and current schemas match by name; a plan that would drop the aliased database from a dev
 * connection is refused.
 */
public final class MysqlDevDatabase implements DevDatabase {
  private static final Map<Connection, String> ALIASES =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Connection conn;
  private final DbUrl url;
  private final String created;

  private MysqlDevDatabase(Connection conn, DbUrl url, String created) {
    this.conn = conn;
    this.url = url;
    this.created = created;
  }

  static MysqlDevDatabase open(DbUrl target, DbUrl devUrl) {
    DbUrl server = devUrl != null ? devUrl : target;
    if (server == null) {
      throw new InputException("mysql: a dev database is needed: pass --dev-url mysql://...");
    }
    String alias =
        target != null && target.path() != null && !target.path().isEmpty() ? target.path() : null;
    try {
      if (devUrl != null && devUrl.path() != null && !devUrl.path().isEmpty()) {
        Connection c = MysqlDialect.connect(devUrl, devUrl.path());
        requireEmpty(c, devUrl);
        register(c, alias);
        return new MysqlDevDatabase(c, devUrl, null);
      }
      String name = "strata_dev_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
      try (Connection admin = MysqlDialect.connect(server, null);
          Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE `" + name + "`" + charsetOf(admin, alias));
      }
      Connection c = MysqlDialect.connect(server, name);
      register(c, alias);
      return new MysqlDevDatabase(c, server, name);
    } catch (SQLException e) {
      throw new StrataException(
          "mysql: opening a dev database on " + server + ": " + e.getMessage(), e);
    }
  }

  /** The target database's default charset clause, so that the dev database inherits alike. */
  private static String charsetOf(Connection admin, String db) throws SQLException {
    if (db == null) {
      return "";
    }
    try (PreparedStatement ps =
        admin.prepareStatement(
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      ps.setString(1, db);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2) : "";
      }
    }
  }

  private static void register(Connection c, String alias) {
    if (alias != null) {
      ALIASES.put(c, alias);
    }
  }

  private static void requireEmpty(Connection c, DbUrl devUrl) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) > 0) {
          c.close();
          throw new InputException(
              "mysql: the dev database " + devUrl + " is not empty; give an empty one");
        }
      }
    }
  }

  /** The name under which the dev database behind {@code conn} is inspected, or null. */
  static String alias(Connection conn) {
    return ALIASES.get(conn);
  }

  /** Refuses a plan that would drop the aliased (target's) database from a dev connection. */
  static void refuseTargetDrop(Connection conn, Plan plan) throws SQLException {
    String alias = alias(conn);
    if (alias == null) {
      return;
    }
    for (SchemaChange c : plan.changes()) {
      if (c instanceof SchemaChange.DropSchema || c instanceof SchemaChange.AddSchema) {
        throw new SQLException(
            "the desired schema is named \""
                + c.schema()
                + "\" but the target database is \""
                + alias
                + "\": name it like the target");
      }
    }
  }

  @Override
  public Connection connection() {
    return conn;
  }

  @Override
  public DbUrl url() {
    return url;
  }

  @Override
  public void close() {
    ALIASES.remove(conn);
    try (conn) {
      if (created != null) {
        try (Statement st = conn.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS `" + created + "`");
        }
      } else {
        empty(conn);
      }
    } catch (SQLException e) {
      throw new StrataException(
          "mysql: "
              + (created != null
                  ? "dropping the dev database " + created
                  : "emptying the dev database")
              + " on "
              + url
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Empties a {@code --dev-url} database after use (it was empty when opened, so everything in it
   * is ours), so that the next command can use it again.
   */
  private static void empty(Connection c) throws SQLException {
    List<String> drops = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                  + " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_TYPE = 'VIEW' DESC")) {
        while (rs.next()) {
          drops.add(
              (rs.getString(2).equals("VIEW") ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ")
                  + MysqlDdl.quote(rs.getString(1)));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES"
                  + " WHERE ROUTINE_SCHEMA = DATABASE()")) {
        while (rs.next()) {
          drops.add("DROP " + rs.getString(1) + " IF EXISTS " + MysqlDdl.quote(rs.getString(2)));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")) {
        while (rs.next()) {
          drops.add("DROP EVENT IF EXISTS " + MysqlDdl.quote(rs.getString(1)));
        }
      }
      st.execute("SET SESSION foreign_key_checks = 0");
      for (String d : drops) {
        st.execute(d);
      }
    }
  }
}
