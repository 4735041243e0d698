package dev.strata.gitops.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Drains the {@link EventQueue}: {@code parallelism} threads each claim an event, dispatch it, and
 * complete it (or fail it for a retry with exponential backoff). The queue guarantees per-key
 * order, so the threads bound how many pull requests are worked on at once. While an event runs its
 * lease is renewed every third of the lease, so only a dead process's events are re-claimed. Idle
 * threads sleep for the poll interval or until {@link #wake()} says something was queued.
 */
public final class EventWorker implements AutoCloseable {
  /** Attempts before an event is marked failed. */
  public static final int MAX_ATTEMPTS = 5;

  private final EventQueue queue;
  private final EventDispatcher dispatcher;
  private final String owner;
  private final int parallelism;
  private final Duration lease;
  private final Duration poll;
  private final ServerLog log;
  private final Semaphore signal = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean running;

  public EventWorker(
      EventQueue queue,
      EventDispatcher dispatcher,
      String owner,
      int parallelism,
      Duration lease,
      Duration poll,
      ServerLog log) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    this.queue = queue;
    this.dispatcher = dispatcher;
    this.owner = owner;
    this.parallelism = parallelism;
    this.lease = lease;
    this.poll = poll;
    this.log = log;
  }

  /** Starts the worker threads. */
  public synchronized void start() {
    running = true;
    for (int i = 0; i < parallelism; i++) {
      Thread t = new Thread(this::loop, "strata-worker-" + owner + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Tells idle threads that an event was queued. */
  public void wake() {
    signal.release(parallelism);
  }

  private void loop() {
    while (running) {
      try {
        Optional<QueuedEvent> next = queue.claim(owner, lease);
        if (next.isPresent()) {
          run(next.get());
        } else {
          signal.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
          signal.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.info("worker " + owner + ": " + e.getMessage());
        sleepQuietly(poll);
      }
    }
  }

  private void run(QueuedEvent e) {
    long every = Math.max(1, lease.toMillis() / 3);
    ScheduledFuture<?> renewal =
        renewer.scheduleAtFixedRate(
            () -> {
              try {
                queue.renew(e, lease);
              } catch (RuntimeException ex) {
                log.info("lease renewal for delivery " + e.deliveryId() + ": " + ex.getMessage());
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
    try {
      dispatcher.dispatch(e);
      renewal.cancel(false);
      if (!queue.complete(e)) {
        log.info("delivery " + e.deliveryId() + ": lease lost before completion");
      }
    } catch (Exception ex) {
      renewal.cancel(false);
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      Duration backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(8, e.attempt())));
      boolean last = e.attempt() >= MAX_ATTEMPTS;
      log.info(
          "delivery "
              + e.deliveryId()
              + " ("
              + e.event()
              + ", "
              + e.orderingKey()
              + ") attempt "
              + e.attempt()
              + " failed"
              + (last ? " for good: " : ", retrying: ")
              + ex.getMessage());
      queue.fail(e, String.valueOf(ex.getMessage()), backoff, MAX_ATTEMPTS);
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming and waits up to one lease for running events. An event still running after that
   * is abandoned: its lease is no longer renewed, so another process re-claims it.
   */
  @Override
  public synchronized void close() {
    running = false;
    signal.release(parallelism);
    long deadline = System.nanoTime() + lease.toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    renewer.shutdownNow();
  }
}
