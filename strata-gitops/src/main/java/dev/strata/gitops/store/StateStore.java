package dev.strata.gitops.store;

import java.util.List;
import java.util.Optional;

/**
 * Where GitOps keeps runs, stored plans, environment locks and the audit log. Implementations are
 * safe for several runners at once: taking a lock is atomic, so two runners never both hold one.
 */
public interface StateStore extends AutoCloseable {
  /** Records a run as started. */
  void beginRun(RunRecord run);

  /** Records a run's outcome. */
  void finishRun(String id, String status, String summary);

  /** The most recent runs, newest first. */
  List<RunRecord> runs(int limit);

  /** Stores a plan, replacing any plan for the same pull request, head, project and env. */
  void savePlan(StoredPlan plan);

  /** The plans of the most recently planned head commit of a pull request. */
  List<StoredPlan> plansForPr(int pr);

  /** The plans made at a head commit, newest first within each project and env. */
  List<StoredPlan> plansAt(String head);

  /** Sets a stored plan's status (and its apply time when {@code applied}). */
  void markPlan(String id, String status);

  /** Takes the lock of a project's env for a pull request or commit, unless another holds it. */
  LockResult lock(String project, String env, int pr, String commit, String actor);

  /** The current holder of a project's env, if any. */
  Optional<EnvLock> lockOf(String project, String env);

  /** Every lock held, by project and env. */
  List<EnvLock> locks();

  /** Releases a lock; returns whether there was one. */
  boolean unlock(String project, String env);

  /** Releases every lock a pull request holds; returns how many. */
  int unlockPr(int pr);

  /** Appends to the audit log. */
  void audit(AuditEntry entry);

  /** The most recent audit entries, newest first. */
  List<AuditEntry> audit(int limit);

  /**
   * The state of a named schedule (a repository's drift checks), or empty before its first sight.
   */
  Optional<ScheduleSlot> schedule(String name);

  /**
   * Records a schedule's first sight with {@code due} as its last due time; false when another
   * runner recorded it first.
   */
  boolean initSchedule(String name, String due);

  /**
   * Claims the run due at {@code due}: succeeds for exactly one runner, and only when the
   * schedule's last due time is still {@code lastDue} and no unexpired lease is held. The lease
   * ends at {@code leaseUntil} (so a runner that died does not block the schedule forever).
   */
  boolean claimSchedule(String name, String lastDue, String due, String owner, String leaseUntil);

  /** Ends {@code owner}'s lease on a schedule and records the run's status. */
  void finishSchedule(String name, String owner, String status);

  /** Records {@code actor}'s approval of pull request {@code pr} at head {@code head}. */
  boolean approve(int pr, String actor, String head);

  /** Every approval of a pull request, at any head, oldest first. */
  List<Approval> approvals(int pr);

  /** Withdraws {@code actor}'s approvals of a pull request; returns how many. */
  int unapprove(int pr, String actor);

  @Override
  void close();
}
