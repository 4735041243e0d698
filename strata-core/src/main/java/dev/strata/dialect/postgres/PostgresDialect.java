package dev.strata.dialect.postgres;

import dev.strata.apply.ApplyListener;
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
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** The PostgreSQL dialect: {@code postgres://user:pass@host:port/db?sslmode=...} URLs. */
public final class PostgresDialect implements Dialect {
  private final PostgresDiffHooks hooks = new PostgresDiffHooks();
  private final PostgresPlanner planner = new PostgresPlanner(hooks);

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean handles(DbUrl url) {
    return url.scheme().equals("postgres")
        || (url.scheme().equals("embedded") && "postgres".equals(url.host()));
  }

  /**
   * Opens a JDBC connection. URL parameters {@code sslmode}, {@code search_path}, {@code
   * lock_timeout} and {@code application_name} are passed on; the user defaults to {@code
   * postgres}, the host to localhost and the port to 5432.
   */
  @Override
  public Connection open(DbUrl url) throws SQLException {
    String host = url.host() == null || url.host().isEmpty() ? "localhost" : url.host();
    int port = url.port() == 0 ? 5432 : url.port();
    String db = url.path() == null || url.path().isEmpty() ? "postgres" : url.path();
    Properties p = new Properties();
    p.setProperty("user", url.user() == null || url.user().isEmpty() ? "postgres" : url.user());
    if (url.password() != null) {
      p.setProperty("password", url.password());
    }
    p.setProperty("sslmode", url.param("sslmode") == null ? "prefer" : url.param("sslmode"));
    p.setProperty(
        "ApplicationName",
        url.param("application_name") == null ? "strata" : url.param("application_name"));
    StringBuilder options = new StringBuilder();
    if (url.param("search_path") != null) {
      options.append("-c search_path=").append(url.param("search_path")).append(' ');
    }
    if (url.param("lock_timeout") != null) {
      options.append("-c lock_timeout=").append(url.param("lock_timeout"));
    }
    if (!options.isEmpty()) {
      p.setProperty("options", options.toString().strip());
    }
    return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
  }

  @Override
  public Realm inspect(Connection conn, InspectOptions options) {
    return new PostgresInspector(conn, options).inspect();
  }

  @Override
  public DiffHooks diffHooks() {
    return hooks;
  }

  @Override
  public Planner planner() {
    return planner;
  }

  @Override
  public List<String> splitStatements(String script) {
    return PostgresSplitter.split(script);
  }

  @Override
  public DevDatabase openDev(DbUrl target, DbUrl devUrl) {
    return PostgresDevDatabase.open(this, target, devUrl);
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public void beforeApply(Connection conn, Plan plan) throws SQLException {
    PostgresApplyLock.acquire(conn, message -> {});
  }

  @Override
  public void beforeApply(Connection conn, Plan plan, ApplyListener listener) throws SQLException {
    PostgresApplyLock.acquire(conn, listener::waiting);
  }

  @Override
  public void afterApply(Connection conn, Plan plan) throws SQLException {
    PostgresApplyLock.release(conn);
  }
}
