package dev.strata.gitops.run;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.lint.Policy;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanFile;
import dev.strata.source.LoadContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plans one environment the way {@code strata schema plan} does: load the desired state, inspect
 * the database, diff, lint against the real data and estimate the impact, and wrap it all in a
 * {@link PlanFile} that carries the hash of the schema it starts from.
 */
final class EnvPlanner {
  private final Target target;
  private final DbUrl url;
  private final Strata strata;

  EnvPlanner(Target target) {
    this.target = target;
    this.url = DbUrl.parse(target.env().url());
    Dialect d = Strata.dialectFor(url);
    DbUrl dev = target.env().dev() == null ? null : DbUrl.parse(target.env().dev());
    this.strata =
        new Strata(
            new LoadContext(
                d,
                url,
                dev,
                Map.of(),
                target.env().inspectOptions(),
                target.env().revisionsSchema()));
  }

  Strata strata() {
    return strata;
  }

  DbUrl url() {
    return url;
  }

  /** The lint policy of the project, with {@code allow} added (codes or categories). */
  Policy policy(List<String> allow) {
    return target.lint().policy(allow);
  }

  /** The desired state as committed. */
  Realm desired() {
    return strata.load(target.env().src());
  }

  /** The live schema of the environment's database. */
  Realm live() {
    return strata.inspect(url);
  }

  /** A reviewed plan from the live database to the desired state. */
  PlanFile plan(Realm desired) {
    Realm current = live();
    Plan plan = strata.plan(current, desired, target.diff());
    Strata.Review review = strata.review(url, plan, current, desired, target.lint().naming());
    return PlanFile.of(
        plan,
        current,
        desired,
        url,
        strata.dialect().name(),
        review.lint(),
        review.impact(),
        Instant.now());
  }
}
