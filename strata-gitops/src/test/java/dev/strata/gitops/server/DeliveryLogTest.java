package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLogTest {
  @TempDir Path dir;

  private static void behavesAsADeliveryLog(DeliveryLog log) {
    assertTrue(log.record("72d3162e-cc78-11e3-81ab-4c9367dc0958", "push"));
    assertFalse(log.record("72d3162e-cc78-11e3-81ab-4c9367dc0958", "push"));
    assertTrue(log.record("other", "pull_request"));
    log.forget("other");
    assertTrue(log.record("other", "pull_request"));
  }

  @Test
  void inMemory() {
    behavesAsADeliveryLog(new InMemoryDeliveryLog());
  }

  @Test
  void inMemoryIsBounded() {
    InMemoryDeliveryLog log = new InMemoryDeliveryLog(2);
    log.record("a", "push");
    log.record("b", "push");
    log.record("c", "push");
    assertTrue(log.record("a", "push"), "the oldest id was dropped");
    assertFalse(log.record("c", "push"));
  }

  @Test
  void sqliteSurvivesReopening() {
    ConnectionSource db = ConnectionSource.of("sqlite://" + dir.resolve("store.db"));
    behavesAsADeliveryLog(new JdbcDeliveryLog(db));
    JdbcDeliveryLog reopened = new JdbcDeliveryLog(db);
    assertFalse(reopened.record("72d3162e-cc78-11e3-81ab-4c9367dc0958", "push"));
  }

  @Test
  void purgeForgetsOldDeliveries() {
    TestClock clock = new TestClock();
    JdbcDeliveryLog log =
        new JdbcDeliveryLog(ConnectionSource.of("sqlite://" + dir.resolve("p.db")), clock);
    log.record("old", "push");
    clock.advance(Duration.ofDays(8));
    log.record("new", "push");
    assertEquals(1, log.purge(Instant.now(clock).minus(Duration.ofDays(7))));
    assertTrue(log.record("old", "push"));
    assertFalse(log.record("new", "push"));
  }

  @Test
  void postgres() throws Exception {
    try (PgDatabase pg = new PgDatabase()) {
      ConnectionSource db = ConnectionSource.of(pg.url());
      behavesAsADeliveryLog(new JdbcDeliveryLog(db));
      assertFalse(new JdbcDeliveryLog(db).record("other", "pull_request"));
    }
  }
}
