package dev.strata.plan;

import java.util.List;

/**
 * Renders a plan as SQL text: each statement preceded by its comment and ended with ';'. A
 * statement that runs outside the transaction ({@link Statement#outsideTransaction()}) is preceded
 * by a line saying so, since what comes before it is committed first and it is not rolled back.
 */
public final class PlanText {
  /** The line before a statement that runs on its own, outside the plan's transaction. */
  public static final String OUTSIDE =
      "-- outside the transaction: runs on its own after the statements above are committed";

  private PlanText() {}

  /** The forward statements. */
  public static String sql(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (Statement s : plan.statements()) {
      if (s.comment() != null && !s.comment().isBlank()) {
        sb.append("-- ").append(s.comment()).append('\n');
      }
      if (s.outsideTransaction() && plan.transactional()) {
        sb.append(OUTSIDE).append('\n');
      }
      sb.append(terminated(s.sql())).append('\n');
    }
    return sb.toString();
  }

  /** The reverse statements, last first; statements that cannot be reversed are named. */
  public static String reverse(Plan plan) {
    StringBuilder sb = new StringBuilder();
    List<Statement> st = plan.statements();
    for (int i = st.size() - 1; i >= 0; i--) {
      Statement s = st.get(i);
      if (s.reverse() == null) {
        sb.append("-- cannot be reversed: ").append(s.comment()).append('\n');
      } else {
        sb.append(terminated(s.reverse())).append('\n');
      }
    }
    return sb.toString();
  }

  private static String terminated(String sql) {
    String t = sql.strip();
    return t.endsWith(";") ? t : t + ";";
  }
}
