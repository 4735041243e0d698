package dev.strata.gitops.store;

import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.plan.PlanFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state store on any JDBC database with standard SQL: an embedded SQLite file or a shared
 * PostgreSQL. Tables are created on first use ({@link StoreSchema}). Taking a lock is an insert
 * into a table whose primary key is (project, env): when two runners race, the database lets
 * exactly one insert through and the other reads who won. Plans are replaced in one transaction.
 */
public final class JdbcStateStore implements StateStore {
  private final Connection conn;
  private final String where;

  /** Wraps an open connection ({@code where} names the store in errors, password masked). */
  public JdbcStateStore(Connection conn, String where) {
    this.conn = conn;
    this.where = DbUrl.mask(where);
    createSchema();
  }

  /**
   * Creates the tables if missing. Two connections creating them at once on PostgreSQL can both
   * miss them and one then fails on the catalog ({@code duplicate key ...
   * pg_type_typname_nsp_index}) even with {@code IF NOT EXISTS}: the loser tries again, and then
   * finds the tables.
   */
  private void createSchema() {
    for (int attempt = 1; ; attempt++) {
      try {
        tx(() -> StoreSchema.create(conn));
        return;
      } catch (StrataException e) {
        if (attempt >= 3) {
          throw e;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public void beginRun(RunRecord r) {
    update(
        "INSERT INTO strata_gitops_runs (id, kind, pr, base_sha, head_sha, actor, started_at,"
            + " finished_at, status, summary) VALUES (?,?,?,?,?,?,?,?,?,?)",
        r.id(),
        r.kind(),
        r.pr(),
        r.base(),
        r.head(),
        r.actor(),
        r.startedAt(),
        r.finishedAt(),
        r.status(),
        r.summary());
  }

  @Override
  public void finishRun(String id, String status, String summary) {
    update(
        "UPDATE strata_gitops_runs SET status = ?, summary = ?, finished_at = ? WHERE id = ?",
        status,
        DbUrl.mask(summary),
        now(),
        id);
  }

  @Override
  public List<RunRecord> runs(int limit) {
    return query(
        "SELECT id, kind, pr, base_sha, head_sha, actor, started_at, finished_at, status, summary"
            + " FROM strata_gitops_runs ORDER BY started_at DESC, id DESC LIMIT "
            + limit,
        rs ->
            new RunRecord(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10)));
  }

  @Override
  public void savePlan(StoredPlan p) {
    tx(
        () -> {
          exec(
              "DELETE FROM strata_gitops_plans WHERE pr = ? AND head_sha = ? AND project = ? AND env = ?",
              p.pr(),
              p.head(),
              p.project(),
              p.env());
          exec(
              "INSERT INTO strata_gitops_plans (id, run_id, pr, head_sha, project, env, plan_json,"
                  + " plan_hash, from_hash, to_hash, status, created_at, applied_at)"
                  + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
              p.id(),
              p.runId(),
              p.pr(),
              p.head(),
              p.project(),
              p.env(),
              p.plan().toJson(),
              p.plan().hash(),
              p.plan().fromHash(),
              p.plan().toHash(),
              p.status(),
              p.createdAt(),
              p.appliedAt());
        });
  }

  private static final String PLAN_COLUMNS =
      "SELECT id, run_id, pr, head_sha, project, env, plan_json, status, created_at, applied_at"
          + " FROM strata_gitops_plans ";

  @Override
  public List<StoredPlan> plansForPr(int pr) {
    List<StoredPlan> all =
        query(PLAN_COLUMNS + "WHERE pr = " + pr + " ORDER BY created_at DESC, id", this::plan);
    if (all.isEmpty()) {
      return all;
    }
    String head = all.get(0).head();
    return all.stream().filter(p -> p.head().equals(head)).toList();
  }

  @Override
  public List<StoredPlan> plansAt(String head) {
    return query(
        PLAN_COLUMNS + "WHERE head_sha = ? ORDER BY created_at DESC, id", this::plan, head);
  }

  @Override
  public void markPlan(String id, String status) {
    update(
        "UPDATE strata_gitops_plans SET status = ?, applied_at = ? WHERE id = ?",
        status,
        StoredPlan.APPLIED.equals(status) ? now() : null,
        id);
  }

  @Override
  public LockResult lock(String project, String env, int pr, String commit, String actor) {
    Optional<EnvLock> held = lockOf(project, env);
    if (held.isPresent()) {
      return held.get().heldBy(pr, commit)
          ? new LockResult.Acquired(held.get())
          : new LockResult.HeldBy(held.get());
    }
    EnvLock mine = new EnvLock(project, env, pr, commit, actor, now());
    try {
      conn.setAutoCommit(false);
      try (PreparedStatement ps =
          conn.prepareStatement(
              "INSERT INTO strata_gitops_locks (project, env, pr, commit_sha, actor, acquired_at)"
                  + " VALUES (?,?,?,?,?,?)")) {
        bind(ps, project, env, pr, commit, actor, mine.acquiredAt());
        ps.executeUpdate();
      }
      conn.commit();
      return new LockResult.Acquired(mine);
    } catch (SQLException e) {
      // Another runner inserted first (primary key): read who.
      rollbackQuietly();
      EnvLock winner =
          lockOf(project, env)
              .orElseThrow(() -> fail("taking the lock of " + project + "/" + env, e));
      return winner.heldBy(pr, commit)
          ? new LockResult.Acquired(winner)
          : new LockResult.HeldBy(winner);
    } finally {
      autoCommit();
    }
  }

  @Override
  public Optional<EnvLock> lockOf(String project, String env) {
    return query(
            "SELECT project, env, pr, commit_sha, actor, acquired_at FROM strata_gitops_locks"
                + " WHERE project = ? AND env = ?",
            JdbcStateStore::lock,
            project,
            env)
        .stream()
        .findFirst();
  }

  @Override
  public List<EnvLock> locks() {
    return query(
        "SELECT project, env, pr, commit_sha, actor, acquired_at FROM strata_gitops_locks"
            + " ORDER BY project, env",
        JdbcStateStore::lock);
  }

  @Override
  public boolean unlock(String project, String env) {
    return update("DELETE FROM strata_gitops_locks WHERE project = ? AND env = ?", project, env)
        > 0;
  }

  @Override
  public int unlockPr(int pr) {
    return update("DELETE FROM strata_gitops_locks WHERE pr = ? AND pr > 0", pr);
  }

  @Override
  public void audit(AuditEntry a) {
    update(
        "INSERT INTO strata_gitops_audit (id, at, actor, action, pr, commit_sha, project, env,"
            + " detail) VALUES (?,?,?,?,?,?,?,?,?)",
        newId(),
        a.at(),
        a.actor(),
        a.action(),
        a.pr(),
        a.commit(),
        a.project(),
        a.env(),
        DbUrl.mask(a.detail()));
  }

  @Override
  public List<AuditEntry> audit(int limit) {
    return query(
        "SELECT at, actor, action, pr, commit_sha, project, env, detail FROM strata_gitops_audit"
            + " ORDER BY at DESC, id DESC LIMIT "
            + limit,
        rs ->
            new AuditEntry(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8)));
  }

  @Override
  public Optional<ScheduleSlot> schedule(String name) {
    return query(
            "SELECT name, last_due, owner, lease_until, last_status, last_finished"
                + " FROM strata_gitops_schedule WHERE name = ?",
            rs ->
                new ScheduleSlot(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)),
            name)
        .stream()
        .findFirst();
  }

  @Override
  public boolean initSchedule(String name, String due) {
    try {
      return exec("INSERT INTO strata_gitops_schedule (name, last_due) VALUES (?,?)", name, due)
          == 1;
    } catch (SQLException e) {
      // Another runner recorded it first (primary key).
      if (schedule(name).isPresent()) {
        return false;
      }
      throw fail("recording schedule " + name, e);
    }
  }

  @Override
  public boolean claimSchedule(
      String name, String lastDue, String due, String owner, String leaseUntil) {
    // One conditional update: the database lets exactly one runner move last_due on.
    return update(
            "UPDATE strata_gitops_schedule SET last_due = ?, owner = ?, lease_until = ?"
                + " WHERE name = ? AND last_due = ? AND (lease_until IS NULL OR lease_until < ?)",
            due,
            owner,
            leaseUntil,
            name,
            lastDue,
            stamp(Instant.now()))
        == 1;
  }

  @Override
  public void finishSchedule(String name, String owner, String status) {
    update(
        "UPDATE strata_gitops_schedule SET owner = NULL, lease_until = NULL, last_status = ?,"
            + " last_finished = ? WHERE name = ? AND owner = ?",
        status,
        now(),
        name,
        owner);
  }

  @Override
  public boolean approve(int pr, String actor, String head) {
    try {
      return exec(
              "INSERT INTO strata_gitops_approvals (pr, actor, head_sha, approved_at)"
                  + " VALUES (?,?,?,?)",
              pr,
              actor,
              head,
              now())
          == 1;
    } catch (SQLException e) {
      // The same person approving the same head again (primary key): one approval.
      boolean known =
          approvals(pr).stream().anyMatch(a -> a.actor().equals(actor) && a.head().equals(head));
      if (known) {
        return false;
      }
      throw fail("recording an approval", e);
    }
  }

  @Override
  public List<Approval> approvals(int pr) {
    return query(
        "SELECT pr, actor, head_sha, approved_at FROM strata_gitops_approvals WHERE pr = ?"
            + " ORDER BY approved_at, actor",
        rs -> new Approval(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)),
        pr);
  }

  @Override
  public int unapprove(int pr, String actor) {
    return update("DELETE FROM strata_gitops_approvals WHERE pr = ? AND actor = ?", pr, actor);
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw fail("closing", e);
    }
  }

  /** A new unique id that sorts by time. */
  public static String newId() {
    return String.format("%013x", System.currentTimeMillis())
        + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 13);
  }

  /** The current time as ISO-8601 text, the form every timestamp in the store takes. */
  public static String now() {
    return Instant.now().toString();
  }

  /**
   * {@code t} as ISO-8601 text with exactly three fraction digits, so that stamps compare as text
   * in the same order as in time (schedule leases are compared in SQL).
   */
  public static String stamp(Instant t) {
    return STAMP.format(t);
  }

  private static final java.time.format.DateTimeFormatter STAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  private StoredPlan plan(ResultSet rs) throws SQLException {
    return new StoredPlan(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        PlanFile.parse(rs.getString(7), "stored plan " + rs.getString(1)),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10));
  }

  private static EnvLock lock(ResultSet rs) throws SQLException {
    return new EnvLock(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6));
  }

  /** Reads one row. */
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** A unit of work inside a transaction. */
  private interface Work {
    void run() throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... args) {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("reading", e);
    }
  }

  private int update(String sql, Object... args) {
    try {
      return exec(sql, args);
    } catch (SQLException e) {
      throw fail("writing", e);
    }
  }

  private int exec(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private void tx(Work work) {
    try {
      conn.setAutoCommit(false);
      work.run();
      conn.commit();
    } catch (SQLException e) {
      rollbackQuietly();
      throw fail("writing", e);
    } finally {
      autoCommit();
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) args[i]);
      }
    }
  }

  private void rollbackQuietly() {
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // the original error is the one to report
    }
  }

  private void autoCommit() {
    try {
      conn.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is unusable; the next statement reports it
    }
  }

  private StrataException fail(String doing, SQLException e) {
    return new StrataException(
        "state store " + where + ": " + doing + ": " + DbUrl.mask(e.getMessage()), e);
  }
}
