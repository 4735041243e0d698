package dev.strata.gitops.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the state store, in SQL that SQLite and PostgreSQL both accept. Timestamps are
 * ISO-8601 text (sortable); {@code pr} is 0 outside pull requests so that it can be part of keys.
 */
final class StoreSchema {
  private StoreSchema() {}

  private static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS strata_gitops_runs (id VARCHAR(64) PRIMARY KEY,"
        + " kind VARCHAR(16) NOT NULL, pr INTEGER NOT NULL, base_sha VARCHAR(64),"
        + " head_sha VARCHAR(64), actor VARCHAR(200) NOT NULL, started_at VARCHAR(40) NOT NULL,"
        + " finished_at VARCHAR(40), status VARCHAR(16) NOT NULL, summary TEXT)",
    "CREATE TABLE IF NOT EXISTS strata_gitops_plans (id VARCHAR(64) PRIMARY KEY,"
        + " run_id VARCHAR(64) NOT NULL, pr INTEGER NOT NULL, head_sha VARCHAR(64) NOT NULL,"
        + " project VARCHAR(200) NOT NULL, env VARCHAR(200) NOT NULL, plan_json TEXT NOT NULL,"
        + " plan_hash VARCHAR(64) NOT NULL, from_hash VARCHAR(64), to_hash VARCHAR(64),"
        + " status VARCHAR(16) NOT NULL, created_at VARCHAR(40) NOT NULL,"
        + " applied_at VARCHAR(40), UNIQUE (pr, head_sha, project, env))",
    "CREATE INDEX IF NOT EXISTS strata_gitops_plans_head ON strata_gitops_plans (head_sha)",
    "CREATE TABLE IF NOT EXISTS strata_gitops_locks (project VARCHAR(200) NOT NULL,"
        + " env VARCHAR(200) NOT NULL, pr INTEGER NOT NULL, commit_sha VARCHAR(64) NOT NULL,"
        + " actor VARCHAR(200) NOT NULL, acquired_at VARCHAR(40) NOT NULL,"
        + " PRIMARY KEY (project, env))",
    "CREATE TABLE IF NOT EXISTS strata_gitops_audit (id VARCHAR(64) PRIMARY KEY,"
        + " at VARCHAR(40) NOT NULL, actor VARCHAR(200) NOT NULL, action VARCHAR(16) NOT NULL,"
        + " pr INTEGER NOT NULL, commit_sha VARCHAR(64), project VARCHAR(200),"
        + " env VARCHAR(200), detail TEXT)",
    "CREATE TABLE IF NOT EXISTS strata_gitops_schedule (name VARCHAR(400) PRIMARY KEY,"
        + " last_due VARCHAR(40) NOT NULL, owner VARCHAR(200), lease_until VARCHAR(40),"
        + " last_status VARCHAR(16), last_finished VARCHAR(40))",
    "CREATE TABLE IF NOT EXISTS strata_gitops_approvals (pr INTEGER NOT NULL,"
        + " actor VARCHAR(200) NOT NULL, head_sha VARCHAR(64) NOT NULL,"
        + " approved_at VARCHAR(40) NOT NULL, PRIMARY KEY (pr, actor, head_sha))",
  };

  static void create(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String ddl : DDL) {
        st.execute(ddl);
      }
    }
  }
}
