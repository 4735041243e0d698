package dev.strata.dialect.mysql;

import dev.strata.dialect.DbUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A uniquely named database ({@code strata_t_<random>}) on the local MariaDB/MySQL server for one
 * test, dropped on close. The server is {@code 127.0.0.1:3306} as root unless the system property
 * {@code strata.mysql.url} names another ({@code mysql://user:pass@host:port}).
 */
public final class MysqlTestDb implements AutoCloseable {
  private final String name;
  private final DbUrl url;

  private MysqlTestDb(String name) {
    this.name = name;
    this.url = DbUrl.parse(server() + "/" + name);
  }

  /** The server URL without a database. */
  public static String server() {
    return System.getProperty("strata.mysql.url", "mysql://root@127.0.0.1:3306");
  }

  /** Creates a fresh database named {@code strata_t_<random>} or {@code name} when given. */
  public static MysqlTestDb create(String name) throws SQLException {
    String n =
        name != null
            ? name
            : "strata_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS `" + n + "`");
      st.execute("CREATE DATABASE `" + n + "`");
    }
    return new MysqlTestDb(n);
  }

  public static MysqlTestDb create() throws SQLException {
    return create(null);
  }

  static Connection admin() throws SQLException {
    return MysqlDialect.connect(DbUrl.parse(server()), null);
  }

  public String name() {
    return name;
  }

  public DbUrl url() {
    return url;
  }

  public Connection open() throws SQLException {
    return MysqlDialect.connect(url, name);
  }

  /** Runs statements on the database. */
  public void exec(String... sql) throws SQLException {
    try (Connection c = open();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS `" + name + "`");
    }
  }

  static {
    DriverManager.setLoginTimeout(10);
  }
}
