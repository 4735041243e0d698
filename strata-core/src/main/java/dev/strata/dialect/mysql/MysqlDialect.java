package dev.strata.dialect.mysql;

import dev.strata.apply.ApplyListener;
import dev.strata.apply.StepwiseExecutor;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.DiffHooks;
import dev.strata.dialect.InspectOptions;
import dev.strata.dialect.Planner;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The MySQL and MariaDB dialect ({@code mysql://} and {@code maria://} URLs, one driver for both).
 * The server's flavour and version are detected on connect and recorded by the inspector on each
 * schema (attribute {@code server}), so that the planner picks the online DDL the server supports.
 * DDL is not transactional: plans run statement by statement with recorded progress, under a
 * per-database {@code GET_LOCK} and a {@code lock_wait_timeout} (10 s unless the system property
 * {@code strata.mysql.lock_wait_timeout} says otherwise).
 */
public final class MysqlDialect
    implements Dialect, StepwiseExecutor.AppliedCheck, StepwiseExecutor.ProgressHome {
  /**
   * Where apply progress is kept when the URL names no database: a database of its own, which
   * inspection leaves out.
   */
  public static final String PROGRESS_DATABASE = "strata_apply";

  static final int DEFAULT_LOCK_WAIT_SECONDS = 10;

  /**
   * Errors meaning "the effect is already there": database, table, column, key, foreign key,
   * trigger, routine or event exists (1007, 1050, 1060, 1061, 1826, 1359, 1304, 1537), or what a
   * drop or rename names is gone (1008, 1051, 1091, 1360, 1305, 1539).
   */
  private static final Set<Integer> ALREADY_APPLIED =
      Set.of(1007, 1050, 1060, 1061, 1826, 1359, 1304, 1537, 1008, 1051, 1091, 1360, 1305, 1539);

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public boolean handles(DbUrl url) {
    return url.scheme().equals("mysql") || url.scheme().equals("maria");
  }

  @Override
  public Connection open(DbUrl url) throws SQLException {
    return connect(url, url.path());
  }

  /** Connects to the server of {@code url}, using {@code database} (null or empty: none). */
  static Connection connect(DbUrl url, String database) throws SQLException {
    String host = url.host() == null || url.host().isEmpty() ? "localhost" : url.host();
    int port = url.port() > 0 ? url.port() : 3306;
    String db = database == null ? "" : database;
    Properties p = new Properties();
    p.setProperty("user", url.user() == null || url.user().isEmpty() ? "root" : url.user());
    if (url.password() != null) {
      p.setProperty("password", url.password());
    }
    if (url.param("socket") != null) {
      p.setProperty("localSocket", url.param("socket"));
    }
    for (String key : List.of("sslMode", "connectTimeout", "socketTimeout")) {
      if (url.param(key) != null) {
        p.setProperty(key, url.param(key));
      }
    }
    try {
      return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/" + db, p);
    } catch (SQLException e) {
      // callers name the URL (masked); the driver's message may repeat the password
      throw new SQLException(DbUrl.mask(e.getMessage()), e.getSQLState(), e.getErrorCode(), e);
    }
  }

  /** The flavour and version of the server behind a connection. */
  public static MysqlServer server(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      rs.next();
      return MysqlServer.parse(rs.getString(1));
    }
  }

  @Override
  public boolean alreadyApplied(SQLException e) {
    return ALREADY_APPLIED.contains(e.getErrorCode());
  }

  @Override
  public Realm inspect(Connection conn, InspectOptions options) {
    return new MysqlInspector(conn, options).inspect();
  }

  @Override
  public DiffHooks diffHooks() {
    return new MysqlDiffHooks();
  }

  @Override
  public Planner planner() {
    return new MysqlPlanner(null);
  }

  @Override
  public List<String> splitStatements(String script) {
    return MysqlSplitter.split(script);
  }

  @Override
  public DevDatabase openDev(DbUrl target, DbUrl devUrl) {
    return MysqlDevDatabase.open(target, devUrl);
  }

  @Override
  public boolean transactionalDdl() {
    return false;
  }

  /**
   * Takes the per-database apply lock ({@code GET_LOCK}, so that two applies never run at once on
   * one database) and sets {@code lock_wait_timeout} for the session.
   */
  /** Desired SQL stays inside the dev database ({@link MysqlDevGuard}). */
  @Override
  public String devStatement(Connection dev, String sql) throws SQLException {
    return MysqlDevGuard.check(sql, dev.getCatalog(), MysqlDevDatabase.alias(dev));
  }

  @Override
  public void beforeApply(Connection conn, Plan plan) throws SQLException {
    beforeApply(conn, plan, ApplyListener.NONE);
  }

  /** As above; {@code listener} hears when the lock is held by another session. */
  @Override
  public void beforeApply(Connection conn, Plan plan, ApplyListener listener) throws SQLException {
    MysqlDevDatabase.refuseTargetDrop(conn, plan);
    int wait = Integer.getInteger("strata.mysql.lock_wait_timeout", DEFAULT_LOCK_WAIT_SECONDS);
    try (Statement st = conn.createStatement()) {
      st.execute("SET SESSION lock_wait_timeout = " + wait);
    }
    String name = lockName(conn);
    if (getLock(conn, name, 0)) {
      return;
    }
    String holder = "unknown";
    try (PreparedStatement ps = conn.prepareStatement("SELECT IS_USED_LOCK(?)")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getString(1) != null) {
          holder = rs.getString(1);
        }
      }
    }
    listener.waiting(
        "Waiting for the apply lock \""
            + name
            + "\": another Strata apply (connection "
            + holder
            + ") holds it; giving up after "
            + wait
            + " s (--lock-timeout).");
    if (!getLock(conn, name, wait)) {
      throw new SQLException(
          "another apply holds the lock \""
              + name
              + "\" (waited "
              + wait
              + " s); nothing was changed, try again when it has finished or wait longer with"
              + " --lock-timeout");
    }
  }

  private static boolean getLock(Connection conn, String name, int seconds) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      ps.setString(1, name);
      ps.setInt(2, seconds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 1;
      }
    }
  }

  @Override
  public void afterApply(Connection conn, Plan plan) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      ps.setString(1, lockName(conn));
      ps.executeQuery().close();
    }
  }

  @Override
  public String progressTable(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE DATABASE IF NOT EXISTS `" + PROGRESS_DATABASE + "`");
    }
    return progressTableName();
  }

  /**
   * Drops the progress table of server-URL applies and, when nothing else is in it, its database
   * {@value #PROGRESS_DATABASE}: it only stays on the server while an apply is interrupted.
   */
  @Override
  public void dropProgressTable(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + progressTableName());
      try (ResultSet rs =
          st.executeQuery(
              "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                  + PROGRESS_DATABASE
                  + "'")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
      st.execute("DROP DATABASE IF EXISTS `" + PROGRESS_DATABASE + "`");
    }
  }

  @Override
  public String serverScopeDatabase() {
    return PROGRESS_DATABASE;
  }

  @Override
  public String progressTableName() {
    return "`" + PROGRESS_DATABASE + "`.`" + StepwiseExecutor.PROGRESS_TABLE + "`";
  }

  /** The advisory lock's name: one per database (lock names are server-wide). */
  static String lockName(Connection conn) throws SQLException {
    String db = conn.getCatalog();
    String name = "strata_apply:" + (db == null ? "" : db);
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
