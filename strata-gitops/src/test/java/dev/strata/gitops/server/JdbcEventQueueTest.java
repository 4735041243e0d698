package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcEventQueueTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  @TempDir Path dir;
  private final TestClock clock = new TestClock();

  private JdbcEventQueue sqlite() {
    return new JdbcEventQueue(ConnectionSource.of("sqlite://" + dir.resolve("q.db")), clock);
  }

  private static QueuedEvent claim(EventQueue q, String owner) {
    return q.claim(owner, LEASE).orElseThrow();
  }

  @Test
  void oneKeyInOrderDifferentKeysInParallel() {
    JdbcEventQueue q = sqlite();
    assertTrue(q.enqueue("d1", "pull_request", "o/r#1", "{}"));
    assertTrue(q.enqueue("d2", "pull_request", "o/r#1", "{}"));
    assertTrue(q.enqueue("d3", "pull_request", "o/r#2", "{}"));
    assertFalse(q.enqueue("d1", "pull_request", "o/r#1", "{}"), "duplicate delivery");

    QueuedEvent first = claim(q, "a");
    assertEquals("d1", first.deliveryId());
    assertEquals(1, first.attempt());
    QueuedEvent other = claim(q, "b");
    assertEquals("d3", other.deliveryId(), "d2 waits behind d1 of the same pull request");
    assertEquals(Optional.empty(), q.claim("c", LEASE));
    assertTrue(q.complete(first));
    assertEquals("d2", claim(q, "c").deliveryId());
    assertEquals(new EventQueue.Stats(0, 2, 1, 0), q.stats());
  }

  @Test
  void expiredLeaseIsReclaimedAndTheOldOwnerIsFencedOff() {
    JdbcEventQueue q = sqlite();
    q.enqueue("d1", "push", "o/r@main", "{}");
    q.enqueue("d2", "push", "o/r@main", "{}");
    QueuedEvent crashed = claim(q, "dead-process");
    clock.advance(LEASE.minusSeconds(1));
    assertEquals(Optional.empty(), q.claim("b", LEASE), "the lease still holds");
    clock.advance(Duration.ofSeconds(2));
    QueuedEvent again = claim(q, "b");
    assertEquals("d1", again.deliveryId(), "the same event, still before d2");
    assertEquals(2, again.attempt());
    assertFalse(q.complete(crashed));
    assertFalse(q.renew(crashed, LEASE));
    assertTrue(q.renew(again, LEASE));
    assertTrue(q.complete(again));
  }

  @Test
  void failuresRetryAfterBackoffThenFailForGood() {
    JdbcEventQueue q = sqlite();
    q.enqueue("d1", "push", "k", "{}");
    QueuedEvent e = claim(q, "a");
    assertTrue(q.fail(e, "github: 502", Duration.ofSeconds(10), 2));
    assertEquals(Optional.empty(), q.claim("a", LEASE));
    clock.advance(Duration.ofSeconds(11));
    QueuedEvent retry = claim(q, "a");
    assertEquals(2, retry.attempt());
    assertTrue(q.fail(retry, "github: 502", Duration.ofSeconds(10), 2));
    clock.advance(Duration.ofSeconds(11));
    assertEquals(Optional.empty(), q.claim("a", LEASE));
    assertEquals(new EventQueue.Stats(0, 0, 0, 1), q.stats());
    q.enqueue("d2", "push", "k", "{}");
    assertEquals("d2", claim(q, "a").deliveryId(), "a failed event no longer blocks its key");
  }

  @Test
  void sqliteThreadsProcessEachEventOnce() throws Exception {
    JdbcEventQueue q = new JdbcEventQueue(ConnectionSource.of("sqlite://" + dir.resolve("t.db")));
    exactlyOnce(List.of(q, q, q, q), 60);
  }

  @Test
  void twoProcessesOnOnePostgresStoreProcessEachEventOnce() throws Exception {
    try (PgDatabase pg = new PgDatabase()) {
      List<EventQueue> queues = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        // one queue object per simulated process, each with its own connections
        queues.add(new JdbcEventQueue(ConnectionSource.of(pg.url())));
      }
      exactlyOnce(queues, 120);
    }
  }

  /**
   * An event whose id was drawn first but that committed late (another process's slow insert, here
   * an open transaction) is not handed out while a later event of the same pull request is in hand.
   */
  @Test
  void aLateCommittedEventWaitsForTheOneInHandOnPostgres() throws Exception {
    try (PgDatabase pg = new PgDatabase()) {
      JdbcEventQueue q = new JdbcEventQueue(ConnectionSource.of(pg.url()));
      try (java.sql.Connection slow =
          java.sql.DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:5432/" + pg.name, "postgres", "")) {
        slow.setAutoCommit(false);
        long now = System.currentTimeMillis();
        try (java.sql.Statement st = slow.createStatement()) {
          st.executeUpdate(
              "INSERT INTO strata_event_queue (delivery_id, event_name, ordering_key, payload,"
                  + " state, attempts, available_at, enqueued_at) VALUES ('late', 'pull_request',"
                  + " 'o/r#1', '{}', 'pending', 0, "
                  + now
                  + ", "
                  + now
                  + ")");
        }
        assertTrue(q.enqueue("committed-first", "pull_request", "o/r#1", "{}"));
        QueuedEvent inHand = claim(q, "a");
        assertEquals("committed-first", inHand.deliveryId());
        slow.commit();
        assertEquals(
            Optional.empty(), q.claim("b", LEASE), "one event of a pull request at a time");
        assertTrue(q.complete(inHand));
        assertEquals("late", claim(q, "b").deliveryId());
      }
    }
  }

  /**
   * Several processes enqueue events of the same pull requests concurrently (as when GitHub's
   * deliveries reach different servers) while others claim: an event of a key is never claimed
   * while another of that key is in hand, each key's events are handed out in id order, and
   * different keys do run at the same time.
   */
  @Test
  void concurrentProducersAndConsumersOnPostgresKeepEachPullRequestSerial() throws Exception {
    try (PgDatabase pg = new PgDatabase()) {
      List<EventQueue> queues = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        queues.add(new JdbcEventQueue(ConnectionSource.of(pg.url())));
      }
      int producers = 3;
      int perProducer = 40;
      int keys = 3;
      int n = producers * perProducer;
      ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> inHand =
          new ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicInteger busy =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger mostBusy =
          new java.util.concurrent.atomic.AtomicInteger();
      ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
      ConcurrentHashMap<String, List<Long>> handedOut = new ConcurrentHashMap<>();
      ConcurrentHashMap<String, Integer> done = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(producers + queues.size());
      List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        EventQueue q = queues.get(p % queues.size());
        int producer = p;
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perProducer; i++) {
                    q.enqueue("p" + producer + "-" + i, "pull_request", "o/r#" + (i % keys), "{}");
                  }
                  return null;
                }));
      }
      for (int w = 0; w < queues.size(); w++) {
        EventQueue q = queues.get(w);
        String owner = "process-" + w;
        jobs.add(
            pool.submit(
                () -> {
                  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                  while (done.size() < n && System.nanoTime() < deadline) {
                    Optional<QueuedEvent> claimed = q.claim(owner, LEASE);
                    if (claimed.isEmpty()) {
                      Thread.sleep(2);
                      continue;
                    }
                    QueuedEvent e = claimed.get();
                    int mine =
                        inHand
                            .computeIfAbsent(
                                e.orderingKey(),
                                k -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                    if (mine > 1) {
                      violations.add(e.deliveryId() + " while another of " + e.orderingKey());
                    }
                    mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
                    handedOut
                        .computeIfAbsent(
                            e.orderingKey(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(e.id());
                    Thread.sleep(3);
                    busy.decrementAndGet();
                    inHand.get(e.orderingKey()).decrementAndGet();
                    done.merge(e.deliveryId(), 1, Integer::sum);
                    assertTrue(q.complete(e));
                  }
                  return null;
                }));
      }
      for (var job : jobs) {
        job.get(150, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
      assertEquals(List.of(), List.copyOf(violations));
      assertEquals(n, done.size());
      assertTrue(done.values().stream().allMatch(c -> c == 1), done.toString());
      handedOut.forEach(
          (key, ids) -> {
            List<Long> sorted = new ArrayList<>(ids);
            sorted.sort(null);
            assertEquals(sorted, ids, "events of " + key + " out of order");
          });
      assertTrue(mostBusy.get() > 1, "different pull requests never ran at the same time");
      assertEquals(new EventQueue.Stats(0, 0, n, 0), queues.get(0).stats());
    }
  }

  /**
   * Workers on {@code queues} drain {@code n} events over 6 keys; each event is completed exactly
   * once and events of one key complete in order.
   */
  private static void exactlyOnce(List<EventQueue> queues, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      queues.get(0).enqueue("d" + i, "pull_request", "o/r#" + (i % 6), String.valueOf(i));
    }
    ConcurrentHashMap<String, Integer> done = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(queues.size());
    CountDownLatch finished = new CountDownLatch(queues.size());
    for (int w = 0; w < queues.size(); w++) {
      EventQueue q = queues.get(w);
      String owner = "worker-" + w;
      pool.submit(
          () -> {
            try {
              while (done.size() < n) {
                Optional<QueuedEvent> e = q.claim(owner, LEASE);
                if (e.isEmpty()) {
                  Thread.sleep(5);
                  continue;
                }
                order.add(e.get().orderingKey() + "=" + e.get().payload());
                done.merge(e.get().deliveryId(), 1, Integer::sum);
                assertTrue(q.complete(e.get()));
              }
            } catch (InterruptedException ex) {
              Thread.currentThread().interrupt();
            } finally {
              finished.countDown();
            }
            return null;
          });
    }
    assertTrue(finished.await(120, TimeUnit.SECONDS));
    pool.shutdownNow();
    assertEquals(n, done.size());
    assertTrue(done.values().stream().allMatch(c -> c == 1), done.toString());
    ConcurrentHashMap<String, Integer> last = new ConcurrentHashMap<>();
    for (String entry : order) {
      String[] kv = entry.split("=");
      int seq = Integer.parseInt(kv[1]);
      Integer prev = last.put(kv[0], seq);
      assertTrue(prev == null || prev < seq, "out of order for " + kv[0] + ": " + order);
    }
    assertEquals(new EventQueue.Stats(0, 0, n, 0), queues.get(0).stats());
  }
}
