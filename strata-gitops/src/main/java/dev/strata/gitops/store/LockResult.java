package dev.strata.gitops.store;

/** The outcome of asking for an environment lock: taken (or already ours), or held by another. */
public sealed interface LockResult {
  /** The lock is ours now. */
  record Acquired(EnvLock lock) implements LockResult {}

  /** Someone else holds it. */
  record HeldBy(EnvLock lock) implements LockResult {}
}
