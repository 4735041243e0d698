package dev.strata;

import dev.strata.apply.ApplyListener;
import dev.strata.apply.Executor;
import dev.strata.change.SchemaChange;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.diff.Differ;
import dev.strata.lint.LintContext;
import dev.strata.lint.LintReport;
import dev.strata.lint.Linter;
import dev.strata.lint.impact.Impact;
import dev.strata.lint.impact.ImpactEstimator;
import dev.strata.lint.impact.TableStats;
import dev.strata.lint.rules.NamingRule;
import dev.strata.lint.rules.SqlDataProbe;
import dev.strata.model.Realm;
import dev.strata.plan.DriftGuard;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanFile;
import dev.strata.plan.Revision;
import dev.strata.plan.RevisionLog;
import dev.strata.plan.SchemaHash;
import dev.strata.project.DiffConfig;
import dev.strata.source.LoadContext;
import dev.strata.source.SchemaLoader;
import dev.strata.source.SourceRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The embedding API: load a schema from any reference, plan the change from one schema to another,
 * apply a plan. The CLI is a thin layer over these calls.
 */
public final class Strata {
  private final LoadContext ctx;

  public Strata(LoadContext ctx) {
    this.ctx = ctx;
  }

  public Dialect dialect() {
    return ctx.dialect();
  }

  /** The dialect for a URL, found among the dialects on the class path. */
  public static Dialect dialectFor(DbUrl url) {
    return Dialects.forUrl(url);
  }

  /** Loads a schema from a reference such as {@code file://schema.hcl} or a database URL. */
  public Realm load(String ref) {
    return new SchemaLoader(ctx).load(SourceRef.parse(ref));
  }

  /** Loads one desired state from several references (a project's {@code src} list). */
  public Realm load(List<String> refs) {
    return new SchemaLoader(ctx).load(SourceRef.parseAll(refs));
  }

  /** Inspects a live database. */
  public Realm inspect(DbUrl url) {
    return new SchemaLoader(ctx).inspect(url, ctx.inspect());
  }

  /** The plan that turns {@code from} into {@code to}. */
  public Plan plan(Realm from, Realm to) {
    return plan(from, to, DiffConfig.DEFAULT);
  }

  /** The plan that turns {@code from} into {@code to}, without the changes {@code diff} skips. */
  public Plan plan(Realm from, Realm to, DiffConfig diff) {
    Dialect d = ctx.dialect();
    List<SchemaChange> changes = diff.filter(new Differ(d.diffHooks()).diff(from, to));
    return d.planner().plan(changes, from, to, diff.planOptions());
  }

  /** Lint findings (checked against the target's data) and impact estimates of a plan. */
  public record Review(LintReport lint, List<Impact> impact) {}

  /** Lints {@code plan} and estimates its impact, reading data and statistics from {@code url}. */
  public Review review(DbUrl url, Plan plan, Realm from, Realm to, List<NamingRule> naming) {
    Dialect d = ctx.dialect();
    try (Connection c = d.open(url)) {
      TableStats stats = TableStats.forDialect(d.name(), c);
      LintReport report =
          Linter.standard(naming)
              .lint(
                  new LintContext(d.name(), plan, from, to, new SqlDataProbe(c, d.name()), stats));
      return new Review(report, new ImpactEstimator(d.name(), stats).estimate(plan, from));
    } catch (SQLException e) {
      throw new StrataException(d.name() + ": connecting to " + url + ": " + e.getMessage(), e);
    }
  }

  /** The plan that creates {@code realm} from nothing (used to print a schema as SQL). */
  public Plan createPlan(Realm realm) {
    Realm empty =
        new Realm(
            realm.schemas().stream()
                .map(s -> new dev.strata.model.Schema(s.name(), List.of()))
                .toList());
    return plan(empty, realm);
  }

  /** A plan file (the reviewable artifact) for a plan and its review, made now. */
  public PlanFile planFile(DbUrl url, Plan plan, Realm from, Realm to, Review review) {
    return PlanFile.of(
        plan, from, to, url, ctx.dialect().name(), review.lint(), review.impact(), Instant.now());
  }

  /**
   * The progress that an interrupted apply of this very plan left on the database at {@code url}
   * (statement index to {@code done}/{@code started}/{@code failed}); empty for plans that run in
   * one transaction, and when no apply of this plan was interrupted. Applying the plan again
   * resumes from there.
   */
  public Map<Integer, String> interruptedProgress(DbUrl url, Plan plan) {
    if (plan.transactional() || plan.isEmpty()) {
      return Map.of();
    }
    Dialect d = ctx.dialect();
    try (Connection c = d.open(url)) {
      return dev.strata.apply.StepwiseExecutor.recorded(d, c, plan);
    } catch (SQLException e) {
      throw new StrataException(d.name() + ": connecting to " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Applies a stored or freshly made plan and records the outcome (what ran, by whom, when, the
   * plan hash and the result) in the target's revision log, also when it fails. Once the apply lock
   * is held the live schema is compared with the plan's hashes: when another apply already produced
   * the plan's result nothing runs and 0 is returned; when the schema is neither the start nor the
   * result the apply is refused with a {@link dev.strata.plan.DriftException}.
   */
  public int applyRecorded(DbUrl url, PlanFile planFile, ApplyListener listener) {
    Dialect d = ctx.dialect();
    try (Connection c = d.open(url)) {
      long start = System.nanoTime();
      String user = RevisionLog.currentUser(System.getenv());
      String at = Instant.now().toString();
      String sql = dev.strata.plan.PlanText.sql(planFile.plan());
      String history = ctx.revisionSchema();
      String catalog = c.getCatalog();
      if (history == null
          && (catalog == null || catalog.isEmpty())
          && d instanceof dev.strata.apply.StepwiseExecutor.ProgressHome h) {
        history = h.serverScopeDatabase(); // a server URL: no database to keep the history in
      }
      RevisionLog log = new RevisionLog(c, d.name(), history);
      try {
        boolean[] alreadyDone = {false};
        int n =
            new Executor(
                    d,
                    listener,
                    conn -> {
                      alreadyDone[0] = !stillApplies(conn, planFile);
                      return !alreadyDone[0];
                    })
                .apply(c, planFile.plan());
        if (!alreadyDone[0]) {
          log.record(revision(planFile, user, at, start, sql, Revision.OK, null));
        }
        return n;
      } catch (StrataException e) {
        log.record(revision(planFile, user, at, start, sql, Revision.FAILED, e.getMessage()));
        throw e;
      }
    } catch (SQLException e) {
      throw new StrataException(d.name() + ": connecting to " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Run under the apply lock: whether the live schema is still the plan's starting point. False
   * when it already is the plan's result (another apply did the work while this one waited); a
   * {@link dev.strata.plan.DriftException} naming the changes when it is neither.
   */
  private boolean stillApplies(Connection conn, PlanFile planFile) {
    if (planFile.fromHash() == null) {
      return true;
    }
    Dialect d = ctx.dialect();
    Realm live = RevisionLog.withoutLog(d.inspect(conn, ctx.inspect()), ctx.revisionSchema());
    String hash = SchemaHash.of(live);
    if (hash.equals(planFile.fromHash())) {
      return true;
    }
    if (hash.equals(planFile.toHash())) {
      return false;
    }
    new DriftGuard(d.diffHooks()).checkBefore(planFile, live);
    return true;
  }

  private static Revision revision(
      PlanFile pf, String user, String at, long start, String sql, String result, String error) {
    return new Revision(
        RevisionLog.newId(),
        pf.hash(),
        pf.fromHash(),
        pf.toHash(),
        user,
        at,
        (System.nanoTime() - start) / 1_000_000,
        pf.statements().size(),
        sql,
        result,
        error == null ? null : DbUrl.mask(error));
  }

  /**
   * Applies a plan to the database at {@code url} without recording it; returns the number of
   * statements run. Used by tests and embedders that keep their own history.
   */
  public int apply(DbUrl url, Plan plan, ApplyListener listener) {
    Dialect d = ctx.dialect();
    try (Connection c = d.open(url)) {
      return new Executor(d, listener).apply(c, plan);
    } catch (SQLException e) {
      throw new StrataException(d.name() + ": connecting to " + url + ": " + e.getMessage(), e);
    }
  }
}
