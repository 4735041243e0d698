package dev.strata.gitops.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EventQueue} in the server's store (table {@code strata_event_queue}), on SQLite for one
 * process or PostgreSQL for several.
 *
 * <p>Claiming is optimistic: (1) select a few candidates, each the head of its key (no earlier
 * event with the same key is pending or claimed, and no other one is claimed under a live lease),
 * available now (pending and past its retry time, or claimed with an expired lease); (2) for each
 * candidate, try a conditional {@code UPDATE} that claims it only if it is still available <em>and
 * still the head of its key</em>. At most one process's update matches, so each claim has exactly
 * one owner, and the head condition lives in the database, so events of one pull request are handed
 * out one at a time, in order, across every process sharing the store.
 *
 * <p>On PostgreSQL, claiming and enqueueing take a transaction-scoped advisory lock on the ordering
 * key first. Without it two processes could each claim a different event of the same key (each
 * statement's snapshot missing the other's uncommitted claim), and an event whose id was drawn
 * earlier but committed later could slip behind a later one. With it, ids of one key are committed
 * in order and claims of one key see each other. SQLite serialises writers, which gives the same.
 * Completion and failure are fenced by owner and attempt number. Lease times are epoch milliseconds
 * from the workers' clocks, which are assumed to agree within a small fraction of the lease.
 */
public final class JdbcEventQueue implements EventQueue {
  private static final String TABLE = "strata_event_queue";
  private static final String AVAILABLE =
      "((state = 'pending' AND available_at <= ?) OR (state = 'claimed' AND lease_until < ?))";

  /**
   * The row {@code row} names (an alias or the table) is the head of its key: no earlier event of
   * the key is unfinished, and no other one is in hand under a live lease (one parameter: now).
   */
  private static String headOfKey(String row) {
    return "NOT EXISTS (SELECT 1 FROM "
        + TABLE
        + " p WHERE p.ordering_key = "
        + row
        + ".ordering_key AND p.id <> "
        + row
        + ".id AND ((p.id < "
        + row
        + ".id AND p.state IN ('pending', 'claimed'))"
        + " OR (p.state = 'claimed' AND p.lease_until >= ?)))";
  }

  /** Advisory lock namespace of the queue's per-key locks ("STRQ"). */
  private static final int LOCK_SPACE = 0x53545251;

  private final ConnectionSource db;
  private final Clock clock;

  public JdbcEventQueue(ConnectionSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
    try {
      createTable();
    } catch (dev.strata.StrataException e) {
      // another server process creating the table at the same moment (PostgreSQL reports a
      // duplicate type then); the second attempt sees the table
      createTable();
    }
  }

  public JdbcEventQueue(ConnectionSource db) {
    this(db, Clock.systemUTC());
  }

  private void createTable() {
    Jdbc.run(
        db,
        "creating the event queue",
        c -> {
          String id =
              ConnectionSource.isPostgres(c)
                  ? "id BIGSERIAL PRIMARY KEY"
                  : "id INTEGER PRIMARY KEY AUTOINCREMENT";
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS "
                    + TABLE
                    + " ("
                    + id
                    + ", delivery_id VARCHAR(100) NOT NULL UNIQUE"
                    + ", event_name VARCHAR(100) NOT NULL"
                    + ", ordering_key VARCHAR(400) NOT NULL"
                    + ", payload TEXT NOT NULL"
                    + ", state VARCHAR(16) NOT NULL"
                    + ", attempts INTEGER NOT NULL"
                    + ", available_at BIGINT NOT NULL"
                    + ", lease_owner VARCHAR(200)"
                    + ", lease_until BIGINT"
                    + ", enqueued_at BIGINT NOT NULL"
                    + ", finished_at BIGINT"
                    + ", last_error TEXT)");
            s.execute(
                "CREATE INDEX IF NOT EXISTS strata_event_queue_key ON "
                    + TABLE
                    + " (ordering_key, state, id)");
          }
          return null;
        });
  }

  @Override
  public boolean enqueue(String deliveryId, String event, String orderingKey, String payload) {
    long now = clock.millis();
    return Jdbc.run(
        db,
        "queueing delivery " + deliveryId,
        c ->
            underKeyLock(
                c,
                orderingKey,
                () -> {
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO "
                              + TABLE
                              + " (delivery_id, event_name, ordering_key, payload, state, attempts,"
                              + " available_at, enqueued_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)"
                              + " ON CONFLICT (delivery_id) DO NOTHING")) {
                    ps.setString(1, deliveryId);
                    ps.setString(2, event);
                    ps.setString(3, orderingKey);
                    ps.setString(4, payload);
                    ps.setLong(5, now);
                    ps.setLong(6, now);
                    return ps.executeUpdate() == 1;
                  }
                }));
  }

  /** Work that runs while a key is locked. */
  @FunctionalInterface
  private interface Locked<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction holding PostgreSQL's advisory lock for {@code key}
   * (released at commit), so that work on one key is serialised across processes. On SQLite the
   * statement runs as is: its writers are serialised already.
   */
  private static <T> T underKeyLock(Connection c, String key, Locked<T> work) throws SQLException {
    if (!ConnectionSource.isPostgres(c)) {
      return work.run();
    }
    c.setAutoCommit(false);
    try {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        lock.setInt(1, LOCK_SPACE);
        lock.setInt(2, key.hashCode());
        lock.execute();
      }
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  @Override
  public Optional<QueuedEvent> claim(String owner, Duration lease) {
    return Jdbc.run(
        db,
        "claiming an event",
        c -> {
          long now = clock.millis();
          for (Candidate candidate : candidates(c, now)) {
            boolean claimed =
                underKeyLock(
                    c,
                    candidate.key(),
                    () -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "UPDATE "
                                  + TABLE
                                  + " SET state = 'claimed', lease_owner = ?, lease_until = ?,"
                                  + " attempts = attempts + 1 WHERE id = ? AND "
                                  + AVAILABLE
                                  + " AND "
                                  + headOfKey(TABLE))) {
                        ps.setString(1, owner);
                        ps.setLong(2, now + lease.toMillis());
                        ps.setLong(3, candidate.id());
                        ps.setLong(4, now);
                        ps.setLong(5, now);
                        ps.setLong(6, now);
                        return ps.executeUpdate() == 1;
                      }
                    });
            if (claimed) {
              return Optional.of(load(c, candidate.id()));
            }
          }
          return Optional.empty();
        });
  }

  private record Candidate(long id, String key) {}

  private List<Candidate> candidates(Connection c, long now) throws SQLException {
    List<Candidate> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT q.id, q.ordering_key FROM "
                + TABLE
                + " q WHERE "
                + AVAILABLE
                + " AND "
                + headOfKey("q")
                + " ORDER BY q.id LIMIT 8")) {
      ps.setLong(1, now);
      ps.setLong(2, now);
      ps.setLong(3, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Candidate(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  private static QueuedEvent load(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT delivery_id, event_name, ordering_key, payload, attempts, lease_owner FROM "
                + TABLE
                + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new QueuedEvent(
            id,
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getInt(5),
            rs.getString(6));
      }
    }
  }

  @Override
  public boolean renew(QueuedEvent claimed, Duration lease) {
    return fenced(
        claimed, "renewing a lease", "lease_until = ?", clock.millis() + lease.toMillis());
  }

  @Override
  public boolean complete(QueuedEvent claimed) {
    return fenced(
        claimed,
        "completing an event",
        "state = 'done', lease_owner = NULL, lease_until = NULL, finished_at = ?",
        clock.millis());
  }

  @Override
  public boolean fail(QueuedEvent claimed, String error, Duration retryAfter, int maxAttempts) {
    String message = error == null ? "" : error.length() > 4000 ? error.substring(0, 4000) : error;
    if (claimed.attempt() >= maxAttempts) {
      return fenced(
          claimed,
          "failing an event",
          "state = 'failed', lease_owner = NULL, lease_until = NULL, finished_at = ?, last_error = ?",
          clock.millis(),
          message);
    }
    return fenced(
        claimed,
        "retrying an event",
        "state = 'pending', lease_owner = NULL, lease_until = NULL, available_at = ?, last_error = ?",
        clock.millis() + retryAfter.toMillis(),
        message);
  }

  /** Updates a claimed event only while {@code claimed} still owns it. */
  private boolean fenced(QueuedEvent claimed, String what, String set, Object... values) {
    return Jdbc.run(
        db,
        what,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE "
                      + TABLE
                      + " SET "
                      + set
                      + " WHERE id = ? AND state = 'claimed' AND lease_owner = ? AND attempts = ?")) {
            int i = 1;
            for (Object v : values) {
              ps.setObject(i++, v);
            }
            ps.setLong(i++, claimed.id());
            ps.setString(i++, claimed.owner());
            ps.setInt(i, claimed.attempt());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Stats stats() {
    return Jdbc.run(
        db,
        "counting events",
        c -> {
          int[] n = new int[4];
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT state, COUNT(*) FROM " + TABLE + " GROUP BY state")) {
            while (rs.next()) {
              switch (rs.getString(1)) {
                case "pending" -> n[0] = rs.getInt(2);
                case "claimed" -> n[1] = rs.getInt(2);
                case "done" -> n[2] = rs.getInt(2);
                case "failed" -> n[3] = rs.getInt(2);
                default -> {}
              }
            }
          }
          return new Stats(n[0], n[1], n[2], n[3]);
        });
  }
}
