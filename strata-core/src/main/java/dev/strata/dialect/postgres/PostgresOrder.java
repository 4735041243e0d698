package dev.strata.dialect.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Dependency order for the planner. Algorithm: a stable Kahn sort — repeatedly emit the first
 * remaining node (in input order) none of whose dependencies is still remaining; when every
 * remaining node waits on another (a cycle), the first remaining node is emitted anyway and the
 * caller breaks the cycle (for foreign keys: by adding the constraint after all tables exist).
 * Quadratic in the number of nodes, which is fine for the objects of one plan.
 */
final class PostgresOrder {
  private PostgresOrder() {}

  /** {@code nodes} ordered so that each comes after those it {@code dependsOn} (a needs b). */
  static <T> List<T> sort(List<T> nodes, BiPredicate<T, T> dependsOn) {
    List<T> remaining = new ArrayList<>(nodes);
    List<T> out = new ArrayList<>();
    while (!remaining.isEmpty()) {
      T pick = null;
      for (T candidate : remaining) {
        boolean ready = true;
        for (T other : remaining) {
          if (other != candidate && dependsOn.test(candidate, other)) {
            ready = false;
            break;
          }
        }
        if (ready) {
          pick = candidate;
          break;
        }
      }
      if (pick == null) {
        pick = remaining.get(0);
      }
      remaining.remove(pick);
      out.add(pick);
    }
    return out;
  }

  /** The reverse of {@link #sort}: dependents before what they depend on. */
  static <T> List<T> reverseSort(List<T> nodes, BiPredicate<T, T> dependsOn) {
    List<T> out = new ArrayList<>(sort(nodes, dependsOn));
    java.util.Collections.reverse(out);
    return out;
  }
}
