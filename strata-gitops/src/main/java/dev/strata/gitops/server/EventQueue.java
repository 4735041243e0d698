package dev.strata.gitops.server;

import java.time.Duration;
import java.util.Optional;

/**
 * The durable queue between the webhook front and the workers. A delivery is enqueued before GitHub
 * gets its answer, so a crash loses nothing; workers claim events with a lease and complete or fail
 * them. Events with the same ordering key are handed out one at a time in arrival order; different
 * keys may be claimed concurrently.
 */
public interface EventQueue {

  /** Counts of events by state. */
  record Stats(int pending, int claimed, int done, int failed) {}

  /** Adds an event; false when this delivery id is already queued (a duplicate). */
  boolean enqueue(String deliveryId, String event, String orderingKey, String payload);

  /**
   * Claims the oldest available event whose key has no earlier unfinished event, for {@code lease};
   * events whose previous claim's lease expired are available again.
   */
  Optional<QueuedEvent> claim(String owner, Duration lease);

  /** Extends the lease of a claim still held; false when it was lost. */
  boolean renew(QueuedEvent claimed, Duration lease);

  /** Marks a claimed event done; false when the claim was lost (the lease expired meanwhile). */
  boolean complete(QueuedEvent claimed);

  /**
   * Records a failure: the event becomes available again after {@code retryAfter}, or is marked
   * failed for good once {@code claimed.attempt()} reached {@code maxAttempts}.
   */
  boolean fail(QueuedEvent claimed, String error, Duration retryAfter, int maxAttempts);

  Stats stats();
}
