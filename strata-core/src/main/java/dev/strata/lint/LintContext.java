package dev.strata.lint;

import dev.strata.lint.impact.TableStats;
import dev.strata.lint.rules.DataProbe;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;

/**
 * Everything an analyzer may look at: the dialect's name ("sqlite", "postgres", "mysql"), the plan
 * with its typed changes, both schemas, and optionally the target's data ({@code data}, null when
 * the plan is linted without a connection) and table statistics ({@code stats}, null when unknown).
 */
public record LintContext(
    String dialect, Plan plan, Realm from, Realm to, DataProbe data, TableStats stats) {

  /** Context without a database: data-dependent rules report nothing. */
  public static LintContext offline(String dialect, Plan plan, Realm from, Realm to) {
    return new LintContext(dialect, plan, from, to, null, null);
  }

  public boolean is(String dialectName) {
    return dialect.equals(dialectName) || (dialectName.equals("mysql") && dialect.equals("maria"));
  }
}
