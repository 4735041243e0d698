package dev.strata.apply;

import dev.strata.dialect.Dialect;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan that cannot run in one transaction (MySQL DDL commits implicitly) statement by
 * statement, recording progress in the progress table {@value #PROGRESS_TABLE} of the target
 * database, keyed by the plan's hash and the statement's position.
 *
 * <p>Algorithm: under the dialect's apply lock ({@code beforeApply}), read the progress of this
 * plan; skip statements marked {@code done}; mark the next one {@code started}, run it, mark it
 * {@code done}. A statement found {@code started} was interrupted (crash, kill): it is run again,
 * and if the database answers that its effect is already there (the dialect's {@link AppliedCheck},
 * e.g. MySQL's "duplicate column"), it counts as applied, since each MySQL DDL statement takes
 * effect entirely or not at all. A statement that failed with an error is marked {@code failed} and
 * simply runs again next time: its error was real, so "already there" is not assumed. When the
 * connection has no current database, the dialect names where the progress table lives ({@link
 * ProgressHome}). When the plan completes, all rows are deleted (its own, so that applying the same
 * plan again later starts afresh, and those of other interrupted plans, which no longer describe
 * the schema). A failure reports exactly which statements are applied and which are not; running
 * the same plan again resumes at the failed one.
 */
public final class StepwiseExecutor {
  /** The progress table's name; inspectors leave it out of the schema. */
  public static final String PROGRESS_TABLE = "strata_apply_progress";

  /** A dialect's answer to "does this error say the statement's effect is already there?". */
  public interface AppliedCheck {
    boolean alreadyApplied(SQLException e);
  }

  /**
   * A dialect's place for the progress table when the connection has no current database: a
   * qualified table name, its database created if needed.
   */
  public interface ProgressHome {
    String progressTable(Connection conn) throws SQLException;

    /** The same qualified name, without creating anything. */
    String progressTableName();

    /**
     * The database that holds Strata's bookkeeping for a connection without a current database: the
     * progress table (while an apply is interrupted) and the revision history.
     */
    String serverScopeDatabase();

    /**
     * Called under the apply lock once a plan completed and the table is empty: removes what {@link
     * #progressTable} created, so that nothing is left on the server after a complete apply.
     */
    void dropProgressTable(Connection conn) throws SQLException;
  }

  private final Dialect dialect;
  private final ApplyListener listener;
  private final Executor.LockedCheck check;
  private String table = PROGRESS_TABLE;

  public StepwiseExecutor(Dialect dialect, ApplyListener listener) {
    this(dialect, listener, Executor.LockedCheck.ALWAYS);
  }

  /**
   * With {@code check} run under the lock before a fresh start (not when resuming a plan with
   * recorded progress, whose schema is half-way by design).
   */
  public StepwiseExecutor(Dialect dialect, ApplyListener listener, Executor.LockedCheck check) {
    this.dialect = dialect;
    this.listener = listener == null ? ApplyListener.NONE : listener;
    this.check = check == null ? Executor.LockedCheck.ALWAYS : check;
  }

  /** The plan's identity: SHA-256 of its statements. */
  public static String hash(Plan plan) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Statement s : plan.statements()) {
        md.update(s.sql().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The progress an earlier, interrupted apply of this very plan recorded on the connection's
   * database: statement index to state ({@code done}, {@code started}, {@code failed}); empty when
   * there is none (no progress table yet, or the plan never ran or completed). Creates nothing.
   */
  public static Map<Integer, String> recorded(Dialect dialect, Connection conn, Plan plan) {
    try {
      String t = PROGRESS_TABLE;
      String catalog = conn.getCatalog();
      if ((catalog == null || catalog.isEmpty()) && dialect instanceof ProgressHome h) {
        t = h.progressTableName();
      }
      Map<Integer, String> out = new HashMap<>();
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT stmt_index, state FROM " + t + " WHERE plan_hash = ?")) {
        ps.setString(1, hash(plan));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getInt(1), rs.getString(2));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      return Map.of(); // no progress table: nothing was ever interrupted here
    }
  }

  /** Applies the rest of the plan; returns the number of statements run by this call. */
  public int apply(Connection conn, Plan plan) {
    List<Statement> st = plan.statements();
    int total = st.size();
    String hash = hash(plan);
    Map<Integer, String> progress;
    try {
      conn.setAutoCommit(true);
      dialect.beforeApply(conn, plan, listener);
    } catch (SQLException e) {
      throw new ApplyException(
          dialect.name() + ": preparing to apply: " + e.getMessage(), 0, null, 0, e);
    }
    int ran = 0;
    List<Integer> earlier = new ArrayList<>();
    int index = 0;
    try {
      String catalog = conn.getCatalog();
      if ((catalog == null || catalog.isEmpty()) && dialect instanceof ProgressHome h) {
        table = h.progressTable(conn);
      }
      progress = progress(conn, hash);
      if (progress.isEmpty() && !check.proceed(conn)) {
        return 0;
      }
      for (index = 1; index <= total; index++) {
        Statement s = st.get(index - 1);
        String state = progress.get(index);
        if ("done".equals(state)) {
          earlier.add(index);
          continue;
        }
        listener.starting(index, total, s);
        long start = System.nanoTime();
        record(conn, hash, index, "started", state != null);
        try {
          execute(conn, s.sql());
        } catch (SQLException e) {
          if (!"started".equals(state)
              || !(dialect instanceof AppliedCheck c)
              || !c.alreadyApplied(e)) {
            markFailed(conn, hash, index);
            throw e;
          }
        }
        record(conn, hash, index, "done", true);
        ran++;
        listener.done(index, total, s, (System.nanoTime() - start) / 1_000_000);
      }
      // the schema has moved on: progress that other, interrupted plans recorded no longer
      // describes it, and resuming one of them later must start with its drift check
      execute(conn, "DELETE FROM " + table);
      if (!table.equals(PROGRESS_TABLE) && dialect instanceof ProgressHome h) {
        h.dropProgressTable(conn);
      }
      return ran;
    } catch (SQLException e) {
      throw failure(st, index, ran, earlier, e);
    } finally {
      try {
        dialect.afterApply(conn, plan);
      } catch (SQLException ignored) {
        // the lock goes with the session anyway
      }
    }
  }

  private ApplyException failure(
      List<Statement> st, int index, int ran, List<Integer> earlier, SQLException e) {
    int total = st.size();
    int applied = ran + earlier.size();
    StringBuilder sb = new StringBuilder();
    sb.append(dialect.name()).append(": ");
    if (index >= 1 && index <= total) {
      sb.append(
          String.format(
              "statement %d of %d failed:%n  %s%n  error: %s%n",
              index, total, st.get(index - 1).sql(), e.getMessage()));
    } else {
      sb.append("recording progress failed: ").append(e.getMessage()).append('\n');
    }
    sb.append(
        String.format(
            "applied: %d of %d statements (%d now, %d by an earlier run)",
            applied, total, ran, earlier.size()));
    sb.append(String.format("; not applied: statements %d to %d", Math.max(index, 1), total));
    sb.append("\nrun the same plan again to resume at statement ").append(Math.max(index, 1));
    String sql = index >= 1 && index <= total ? st.get(index - 1).sql() : null;
    return new ApplyException(sb.toString(), index, sql, applied, e);
  }

  /** Marks a statement that ended in an error; best effort (the connection may be gone). */
  private void markFailed(Connection conn, String hash, int index) {
    try {
      record(conn, hash, index, "failed", true);
    } catch (SQLException ignored) {
      // then it stays "started" and a re-run treats it as interrupted
    }
  }

  private Map<Integer, String> progress(Connection conn, String hash) throws SQLException {
    execute(
        conn,
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (plan_hash VARCHAR(64) NOT NULL, stmt_index INT NOT NULL,"
            + " state VARCHAR(16) NOT NULL, updated_at VARCHAR(40) NOT NULL,"
            + " PRIMARY KEY (plan_hash, stmt_index))");
    Map<Integer, String> out = new HashMap<>();
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT stmt_index, state FROM " + table + " WHERE plan_hash = ?")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  private void record(Connection conn, String hash, int index, String state, boolean exists)
      throws SQLException {
    String sql =
        exists
            ? "UPDATE "
                + table
                + " SET state = ?, updated_at = ?"
                + " WHERE plan_hash = ? AND stmt_index = ?"
            : "INSERT INTO "
                + table
                + " (state, updated_at, plan_hash, stmt_index)"
                + " VALUES (?, ?, ?, ?)";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, state);
      ps.setString(2, Instant.now().toString());
      ps.setString(3, hash);
      ps.setInt(4, index);
      ps.executeUpdate();
    }
  }

  private static void execute(Connection conn, String sql) throws SQLException {
    try (java.sql.Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }
}
