package dev.strata.gitops.run;

import dev.strata.dialect.DbUrl;
import dev.strata.gitops.config.DriftSchedule;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.report.RunReport;
import dev.strata.gitops.report.Status;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.ScheduleSlot;
import dev.strata.gitops.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs each repository's drift check on the {@code drift.schedule} of its config at the default
 * branch. Every runner sharing a state store sees the same schedule row ({@code
 * strata_gitops_schedule}): the run due at a time is claimed with one conditional update, so
 * exactly one runner performs it, and never while another runner's lease on the schedule is
 * unexpired. The run is recorded like {@code strata gitops drift} (a run, an audit entry per
 * environment) plus a {@code schedule} audit entry.
 *
 * <p>The first time a schedule is seen, it is recorded and not run: the first check is one interval
 * (or the next matching cron minute) later. A runner that was down for several due times runs once
 * when it comes back.
 */
public final class DriftScheduler implements AutoCloseable {
  /** A repository to check: a stable name (its schedule's key) and a way to open it. */
  public interface Source {
    String name();

    /**
     * Opens the repository (fetched up to date, for a server's clone) with its state store, runs
     * {@code work} on it and closes it.
     */
    Tick visit(Function<Gitops, Tick> work);
  }

  /** What one look at a schedule did. */
  public enum Outcome {
    /** The config has no {@code drift.schedule}, or drift is disabled. */
    NOT_SCHEDULED,
    /** First sight: the schedule was recorded; the first check comes one period later. */
    RECORDED,
    /** The next check is not due yet. */
    NOT_DUE,
    /** Due, but another runner claimed it (or holds the lease). */
    CLAIMED_ELSEWHERE,
    /** This runner ran the check. */
    RAN
  }

  /** One look at one repository's schedule. */
  public record Tick(String name, Outcome outcome, Instant nextDue, RunReport report) {
    /** Whether a check ran and found drift. */
    public boolean drifted() {
      return report != null && report.results().stream().anyMatch(r -> r.status() == Status.DRIFT);
    }
  }

  private final List<Source> sources;
  private final Duration poll;
  private final Duration lease;
  private final String owner;
  private final Consumer<String> log;
  private final Clock clock;
  private ScheduledExecutorService timer;

  /**
   * {@code poll}: how often schedules are looked at; {@code lease}: how long a claimed run blocks
   * other runners at most (a runner that died frees it then); {@code owner}: this runner's id.
   */
  public DriftScheduler(
      List<Source> sources,
      Duration poll,
      Duration lease,
      String owner,
      Consumer<String> log,
      Clock clock) {
    this.sources = List.copyOf(sources);
    this.poll = poll;
    this.lease = lease;
    this.owner = owner;
    this.log = log;
    this.clock = clock;
  }

  /** Looks at every schedule every {@code poll}, on one thread (runs never overlap here). */
  public synchronized DriftScheduler start() {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "strata-drift-scheduler");
                t.setDaemon(true);
                return t;
              });
      timer.scheduleWithFixedDelay(this::tickQuietly, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.accept("drift scheduler: " + DbUrl.mask(String.valueOf(e.getMessage())));
    }
  }

  /** Looks at every schedule once, running the checks that are due. */
  public List<Tick> tick() {
    List<Tick> out = new ArrayList<>();
    for (Source s : sources) {
      try {
        Tick t = s.visit(g -> runIfDue(g, s.name(), owner, lease, clock.instant()));
        if (t.outcome() == Outcome.RAN) {
          log.accept(
              "drift check of "
                  + s.name()
                  + ": "
                  + (t.drifted() ? "drift found" : t.report().failed() ? "failed" : "in sync")
                  + "; next at "
                  + t.nextDue());
        }
        out.add(t);
      } catch (RuntimeException e) {
        log.accept(
            "drift check of " + s.name() + ": " + DbUrl.mask(String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

  /**
   * Runs the drift check of the repository {@code g} opens if its schedule is due at {@code now}
   * and this runner wins the claim; {@code name} identifies the repository in the store.
   */
  public static Tick runIfDue(Gitops g, String name, String owner, Duration lease, Instant now) {
    GitopsConfig atHead = g.config("HEAD");
    GitopsConfig config =
        g.workspace().git().tryResolveBranch(atHead.defaultBranch()).map(g::config).orElse(atHead);
    String key = "drift " + name;
    if (!config.drift().enabled() || config.drift().schedule() == null) {
      return new Tick(key, Outcome.NOT_SCHEDULED, null, null);
    }
    DriftSchedule schedule = DriftSchedule.parse(config.drift().schedule());
    StateStore store = g.store();
    Optional<ScheduleSlot> slot = store.schedule(key);
    if (slot.isEmpty()) {
      String stamp = JdbcStateStore.stamp(now);
      store.initSchedule(key, stamp);
      return new Tick(key, Outcome.RECORDED, schedule.next(now), null);
    }
    Instant lastDue = Instant.parse(slot.get().lastDue());
    Instant due = schedule.next(lastDue);
    if (due.isAfter(now)) {
      return new Tick(key, Outcome.NOT_DUE, due, null);
    }
    // After downtime, catch up to the latest due time instead of running once per missed one.
    for (int i = 0; i < 10_000; i++) {
      Instant following = schedule.next(due);
      if (following.isAfter(now)) {
        break;
      }
      due = following;
    }
    boolean mine =
        store.claimSchedule(
            key,
            slot.get().lastDue(),
            JdbcStateStore.stamp(due),
            owner,
            JdbcStateStore.stamp(now.plus(lease)));
    if (!mine) {
      return new Tick(key, Outcome.CLAIMED_ELSEWHERE, schedule.next(due), null);
    }
    String status = "error";
    try {
      RunReport report = g.drift(null);
      status =
          report.results().stream().anyMatch(r -> r.status() == Status.DRIFT)
              ? "drift"
              : report.failed() ? "error" : "ok";
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(),
              owner,
              "schedule",
              0,
              report.head(),
              null,
              null,
              "scheduled drift check (" + schedule + ") due " + due + ": " + status));
      return new Tick(key, Outcome.RAN, schedule.next(due), report);
    } finally {
      store.finishSchedule(key, owner, status);
    }
  }

  /** Stops looking at schedules (a check in progress finishes first, up to 30 seconds). */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdown();
      try {
        timer.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      timer = null;
    }
  }

  /** A source for a repository on this machine (no fetching): named by its origin or its path. */
  public static Source local(
      java.nio.file.Path dir, java.util.Map<String, String> env, String stateUrl) {
    return new Source() {
      @Override
      public String name() {
        try (var git = dev.strata.gitops.git.GitRepo.open(dir)) {
          return git.originUrl()
              .map(DbUrl::mask)
              .orElse(git.workTree().toAbsolutePath().toString());
        }
      }

      @Override
      public Tick visit(Function<Gitops, Tick> work) {
        try (Gitops g = Gitops.open(dir, env, PullRequests.NONE, stateUrl)) {
          return work.apply(g);
        }
      }
    };
  }
}
