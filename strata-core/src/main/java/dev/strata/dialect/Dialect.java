package dev.strata.dialect;

import dev.strata.model.Realm;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database engine: how to connect, inspect, compare and plan. Implementations are found with
 * {@link java.util.ServiceLoader} (see {@link Dialects}).
 */
public interface Dialect {
  /** Short name: "sqlite", "postgres", "mysql". */
  String name();

  /** Whether this dialect serves the URL's scheme. */
  boolean handles(DbUrl url);

  /** Opens a JDBC connection. */
  Connection open(DbUrl url) throws SQLException;

  /** Reads the live schema in bulk. */
  Realm inspect(Connection conn, InspectOptions options);

  /** The database-dependent answers the generic Differ asks. */
  DiffHooks diffHooks();

  /** Turns changes into SQL statements for this dialect. */
  Planner planner();

  /** Splits a SQL script into statements the way this dialect's client would. */
  java.util.List<String> splitStatements(String script);

  /**
   * A scratch database on which desired SQL can be executed and then inspected. {@code devUrl} is
   * the user's {@code --dev-url} or null for the dialect's default.
   */
  DevDatabase openDev(DbUrl target, DbUrl devUrl);

  /** Whether DDL is transactional (the whole plan can run in one transaction). */
  boolean transactionalDdl();

  /**
   * The desired-state statement {@code sql} as it runs on the dev connection {@code dev}: the
   * dialect may rewrite it, or refuse it with an {@link IllegalArgumentException} whose message is
   * shown with the statement's file and line (before any statement runs).
   */
  default String devStatement(Connection dev, String sql) throws SQLException {
    return sql;
  }

  /**
   * Called by the executor on the connection before the plan's transaction begins (e.g. SQLite
   * turns foreign key enforcement off so tables can be rebuilt).
   */
  default void beforeApply(Connection conn, dev.strata.plan.Plan plan) throws SQLException {}

  /**
   * {@link #beforeApply(Connection, dev.strata.plan.Plan)} with the apply's listener, which a
   * dialect that takes an apply lock tells when it has to wait ({@link
   * dev.strata.apply.ApplyListener#waiting}). The executors call this one.
   */
  default void beforeApply(
      Connection conn, dev.strata.plan.Plan plan, dev.strata.apply.ApplyListener listener)
      throws SQLException {
    beforeApply(conn, plan);
  }

  /**
   * Called inside the transaction after the last statement and before commit; throws to roll back
   * (e.g. SQLite's foreign key check after a rebuild).
   */
  default void verifyBeforeCommit(Connection conn, dev.strata.plan.Plan plan) throws SQLException {}

  /** Called after commit or rollback to restore what {@link #beforeApply} changed. */
  default void afterApply(Connection conn, dev.strata.plan.Plan plan) throws SQLException {}
}
