package dev.strata.gitops.server;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;

/**
 * A {@link DeliveryLog} in the server's store (table {@code strata_webhook_deliveries}), shared by
 * every server process on that store. A duplicate is detected atomically by the primary key with
 * {@code INSERT ... ON CONFLICT DO NOTHING}, which SQLite and PostgreSQL both understand.
 */
public final class JdbcDeliveryLog implements DeliveryLog {
  private final ConnectionSource db;
  private final Clock clock;

  public JdbcDeliveryLog(ConnectionSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
    Jdbc.run(
        db,
        "creating the delivery log",
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS strata_webhook_deliveries ("
                    + "delivery_id VARCHAR(100) NOT NULL PRIMARY KEY, "
                    + "event_name VARCHAR(100) NOT NULL, "
                    + "received_at BIGINT NOT NULL)");
          }
          return null;
        });
  }

  public JdbcDeliveryLog(ConnectionSource db) {
    this(db, Clock.systemUTC());
  }

  @Override
  public boolean record(String deliveryId, String event) {
    return Jdbc.run(
        db,
        "recording a delivery",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO strata_webhook_deliveries (delivery_id, event_name, received_at) "
                      + "VALUES (?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING")) {
            ps.setString(1, deliveryId);
            ps.setString(2, event);
            ps.setLong(3, clock.millis());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void forget(String deliveryId) {
    Jdbc.run(
        db,
        "forgetting a delivery",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM strata_webhook_deliveries WHERE delivery_id = ?")) {
            ps.setString(1, deliveryId);
            return ps.executeUpdate();
          }
        });
  }

  /** Deletes deliveries received before {@code cutoff}; returns how many. */
  public int purge(Instant cutoff) {
    return Jdbc.run(
        db,
        "purging the delivery log",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM strata_webhook_deliveries WHERE received_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }
}
