package dev.strata.dialect.sqlite;

import dev.strata.StrataException;
import dev.strata.change.SchemaChange;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The SQLite dialect: {@code sqlite://path} files and {@code sqlite://name?mode=memory} private
 * in-memory databases, with transactional DDL. Plans that rebuild tables run with foreign key
 * enforcement off (it can only be switched outside a transaction) and are checked with {@code
 * PRAGMA foreign_key_check} before commit.
 */
public final class SqliteDialect implements Dialect {
  private static final DbUrl DEV_URL = DbUrl.parse("sqlite://dev?mode=memory");

  private final SqliteDiffHooks hooks = new SqliteDiffHooks();
  private final SqlitePlanner planner = new SqlitePlanner();

  /** Connections whose foreign key enforcement {@link #beforeApply} switched off. */
  private final Map<Connection, Boolean> switchedOff =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public boolean handles(DbUrl url) {
    return url.isSqlite();
  }

  @Override
  public Connection open(DbUrl url) throws SQLException {
    if (url.isMemory()) {
      return DriverManager.getConnection("jdbc:sqlite::memory:");
    }
    return DriverManager.getConnection("jdbc:sqlite:" + url.path());
  }

  @Override
  public Realm inspect(Connection conn, InspectOptions options) {
    return SqliteInspector.inspect(conn, options);
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
    return SqliteScriptSplitter.split(script);
  }

  /** A fresh private in-memory database; {@code target} and {@code devUrl} need nothing else. */
  @Override
  public DevDatabase openDev(DbUrl target, DbUrl devUrl) {
    try {
      return new MemoryDev(DriverManager.getConnection("jdbc:sqlite::memory:"));
    } catch (SQLException e) {
      throw new StrataException("sqlite: opening an in-memory dev database: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public void beforeApply(Connection conn, Plan plan) throws SQLException {
    if (!rebuilds(plan)) {
      return;
    }
    try (Statement st = conn.createStatement()) {
      boolean on;
      try (ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
        on = rs.next() && rs.getInt(1) == 1;
      }
      if (on) {
        st.execute("PRAGMA foreign_keys = OFF");
        switchedOff.put(conn, Boolean.TRUE);
      }
    }
  }

  @Override
  public void verifyBeforeCommit(Connection conn, Plan plan) throws SQLException {
    if (!rebuilds(plan)) {
      return;
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
      if (rs.next()) {
        String first =
            "table "
                + rs.getString("table")
                + " rowid "
                + rs.getString("rowid")
                + " has no matching row in "
                + rs.getString("parent");
        int more = 0;
        while (rs.next()) {
          more++;
        }
        throw new SQLException(
            "sqlite: foreign key violation after applying the plan: "
                + first
                + (more > 0 ? " (and " + more + " more)" : ""));
      }
    }
  }

  @Override
  public void afterApply(Connection conn, Plan plan) throws SQLException {
    if (switchedOff.remove(conn) != null) {
      try (Statement st = conn.createStatement()) {
        st.execute("PRAGMA foreign_keys = ON");
      }
    }
  }

  /** Whether the plan rebuilds at least one table. */
  static boolean rebuilds(Plan plan) {
    for (SchemaChange c : plan.changes()) {
      if (c instanceof SchemaChange.ModifyTable m && SqliteTableRebuild.needsRebuild(m)) {
        return true;
      }
    }
    return false;
  }

  /** A private in-memory database used as the dev database. */
  private record MemoryDev(Connection connection) implements DevDatabase {
    @Override
    public DbUrl url() {
      return DEV_URL;
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new StrataException("sqlite: closing the dev database: " + e.getMessage(), e);
      }
    }
  }
}
