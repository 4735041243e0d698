package dev.strata.dialect;

import dev.strata.change.SchemaChange;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import java.util.List;

/**
 * Turns typed changes into ordered SQL statements, each with its reverse. Ordering (dependencies,
 * foreign keys, views over tables) is the planner's job, not the Differ's.
 */
public interface Planner {
  Plan plan(List<SchemaChange> changes, Realm from, Realm to);

  /** The plan spelled as {@code options} ask; planners without choices ignore them. */
  default Plan plan(List<SchemaChange> changes, Realm from, Realm to, PlanOptions options) {
    return plan(changes, from, to);
  }
}
