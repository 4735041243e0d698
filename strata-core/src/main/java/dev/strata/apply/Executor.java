package dev.strata.apply;

import dev.strata.dialect.Dialect;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a {@link Plan} on a connection. For a transactional plan all statements run in one
 * transaction: the dialect's {@code beforeApply} hook, then each statement, then {@code
 * verifyBeforeCommit}, then commit; any failure rolls everything back and raises an {@link
 * ApplyException} naming the statement. The dialect's {@code afterApply} runs in every case. A plan
 * without a transaction goes to the {@link StepwiseExecutor}.
 *
 * <p>A statement marked {@link Statement#outsideTransaction()} splits the plan: the statements
 * before it are verified and committed, it runs alone in auto-commit mode, and a new transaction
 * begins after it. A failure then reports how many statements stayed applied.
 *
 * <p>A {@link LockedCheck} runs once the dialect's apply lock is held and before any statement: an
 * apply that waited for another one can find that the work is already done (nothing runs) or that
 * the schema moved under it (it refuses), instead of running stale statements.
 */
public final class Executor {
  /** Decides, while the apply lock is held, whether the plan still applies. */
  public interface LockedCheck {
    /** True to run the plan, false when there is nothing left to do; throws to refuse. */
    boolean proceed(Connection conn);

    LockedCheck ALWAYS = c -> true;
  }

  private final Dialect dialect;
  private final ApplyListener listener;
  private final LockedCheck check;

  public Executor(Dialect dialect, ApplyListener listener) {
    this(dialect, listener, LockedCheck.ALWAYS);
  }

  public Executor(Dialect dialect, ApplyListener listener, LockedCheck check) {
    this.dialect = dialect;
    this.listener = listener == null ? ApplyListener.NONE : listener;
    this.check = check == null ? LockedCheck.ALWAYS : check;
  }

  /** Applies the plan; returns the number of statements applied. */
  public int apply(Connection conn, Plan plan) {
    if (plan.isEmpty()) {
      return 0;
    }
    if (!plan.transactional()) {
      return new StepwiseExecutor(dialect, listener, check).apply(conn, plan);
    }
    int total = plan.statements().size();
    boolean autoCommit = true;
    try {
      autoCommit = conn.getAutoCommit();
      dialect.beforeApply(conn, plan, listener);
    } catch (SQLException e) {
      throw new ApplyException(
          dialect.name() + ": preparing to apply: " + e.getMessage(), 0, null, 0, e);
    }
    int index = 0;
    int committed = 0;
    Statement current = null;
    try {
      if (!check.proceed(conn)) {
        return 0;
      }
      conn.setAutoCommit(false);
      for (Statement s : plan.statements()) {
        index++;
        if (s.outsideTransaction()) {
          current = null;
          dialect.verifyBeforeCommit(conn, plan);
          conn.commit();
          committed = index - 1;
          conn.setAutoCommit(true);
        }
        current = s;
        listener.starting(index, total, s);
        long start = System.nanoTime();
        try (java.sql.Statement st = conn.createStatement()) {
          st.execute(s.sql());
        }
        listener.done(index, total, s, (System.nanoTime() - start) / 1_000_000);
        if (s.outsideTransaction()) {
          committed = index;
          conn.setAutoCommit(false);
        }
      }
      current = null;
      dialect.verifyBeforeCommit(conn, plan);
      conn.commit();
      return total;
    } catch (SQLException e) {
      rollback(conn);
      if (committed > 0) {
        throw new ApplyException(
            String.format(
                "%s: statement %d of %d failed; the first %d %s stayed applied (run outside the"
                    + " transaction, or committed before a statement that must be), the"
                    + " others were not applied:%n  %s%n  error: %s",
                dialect.name(),
                index,
                total,
                committed,
                committed == 1 ? "statement" : "statements",
                current == null ? "(check before commit)" : current.sql(),
                e.getMessage()),
            index,
            current == null ? null : current.sql(),
            committed,
            e);
      }
      if (current == null) {
        throw new ApplyException(
            dialect.name()
                + ": checking the result before commit failed, nothing was applied: "
                + e.getMessage(),
            0,
            null,
            0,
            e);
      }
      throw new ApplyException(
          String.format(
              "%s: statement %d of %d failed, the transaction was rolled back and nothing was"
                  + " applied:%n  %s%n  error: %s",
              dialect.name(), index, total, current.sql(), e.getMessage()),
          index,
          current.sql(),
          0,
          e);
    } finally {
      try {
        conn.setAutoCommit(autoCommit);
      } catch (SQLException ignored) {
        // the connection is unusable; the caller closes it
      }
      try {
        dialect.afterApply(conn, plan);
      } catch (SQLException ignored) {
        // restoring a session setting on a connection about to close
      }
    }
  }

  private static void rollback(Connection conn) {
    try {
      conn.rollback();
    } catch (SQLException ignored) {
      // the original error is the one worth reporting
    }
  }
}
