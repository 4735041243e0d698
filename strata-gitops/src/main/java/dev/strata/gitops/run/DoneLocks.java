package dev.strata.gitops.run;

import dev.strata.StrataException;
import dev.strata.gitops.config.GitopsConfig;
import dev.strata.gitops.config.GitopsConfig.ProjectSpec;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.EnvLock;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.plan.SchemaHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Releases strict locks whose change is done. A pull request applied before merging (the default,
 * {@code autoapply: false}) keeps its environments locked until it is merged; with plain git no
 * event says when that happens, so the next command that meets the lock looks: when the pull
 * request's plan for the environment (at its most recently planned head) was applied, or found
 * nothing left to do, and that head is in the default branch (or, after a squash or rebase merge,
 * the default branch's desired schema for the environment is the one that plan led to), the lock is
 * released and the release audited. A pull request merged without being applied keeps its lock: its
 * change still has to reach the database.
 */
final class DoneLocks {
  private final Workspace ws;
  private final GitRepo git;
  private final StateStore store;
  private final String actor;

  DoneLocks(Workspace ws, StateStore store, String actor) {
    this.ws = ws;
    this.git = ws.git();
    this.store = store;
    this.actor = actor;
  }

  /**
   * Releases {@code lock} when its change was applied and merged into the default branch; returns
   * the sentence that says so, or empty when the lock still holds.
   */
  Optional<String> releaseIfDone(EnvLock lock, GitopsConfig config) {
    if (lock.pr() <= 0) {
      return Optional.empty(); // a commit's lock is released by the commit's own apply
    }
    Optional<String> main = defaultBranch(config);
    if (main.isEmpty()) {
      return Optional.empty();
    }
    Optional<StoredPlan> applied =
        store.plansForPr(lock.pr()).stream()
            .filter(p -> p.project().equals(lock.project()) && p.env().equals(lock.env()))
            .filter(
                p ->
                    StoredPlan.APPLIED.equals(p.status())
                        || (StoredPlan.PLANNED.equals(p.status())
                            && p.plan().statements().isEmpty()))
            .filter(p -> git.isAncestor(p.head(), main.get()) || carried(p, main.get()))
            .findFirst();
    if (applied.isEmpty() || !store.unlock(lock.project(), lock.env())) {
      return Optional.empty();
    }
    String what =
        "Released the lock of "
            + lock.project()
            + "/"
            + lock.env()
            + " held by "
            + lock.describe()
            + ": that change was applied and is merged into "
            + config.defaultBranch()
            + ".";
    store.audit(
        new AuditEntry(
            JdbcStateStore.now(),
            actor,
            "unlock",
            lock.pr(),
            lock.commit(),
            lock.project(),
            lock.env(),
            what));
    return Optional.of(what);
  }

  /**
   * Whether the default branch carries the plan's change without containing its head (a squash or
   * rebase merge): the environment's desired schema there is the one the plan led to.
   */
  private boolean carried(StoredPlan p, String main) {
    return desiredHashAt(main, p.project(), p.env()).map(p.plan().toHash()::equals).orElse(false);
  }

  /**
   * Whether the default branch already wants the schema {@code toHash} for a project's env, so that
   * a database at that schema is not ahead of it. False when it cannot be told.
   */
  boolean defaultBranchWants(String project, String env, String toHash, GitopsConfig config) {
    return defaultBranch(config)
        .flatMap(main -> desiredHashAt(main, project, env))
        .map(toHash::equals)
        .orElse(false);
  }

  /** The hash of a project's env's desired schema at {@code commit}; empty when unreadable. */
  private Optional<String> desiredHashAt(String commit, String project, String env) {
    try {
      for (ProjectSpec spec : ws.projects(commit, ws.config(commit))) {
        if (!spec.name().equals(project)) {
          continue;
        }
        for (Target t : ws.targets(commit, spec)) {
          if (t.env().name().equals(env)) {
            return Optional.of(SchemaHash.of(new EnvPlanner(t).desired()));
          }
        }
      }
    } catch (StrataException e) {
      // the commit cannot be read as a project: nothing can be told
    }
    return Optional.empty();
  }

  /** Releases every lock whose change is done; returns what was released, one sentence each. */
  List<String> releaseAllDone(GitopsConfig config) {
    List<String> out = new ArrayList<>();
    for (EnvLock l : store.locks()) {
      releaseIfDone(l, config).ifPresent(out::add);
    }
    return out;
  }

  /** The default branch's commit: the local branch, else its remote-tracking branch in CI. */
  private Optional<String> defaultBranch(GitopsConfig config) {
    return git.tryResolveBranch(config.defaultBranch());
  }
}
