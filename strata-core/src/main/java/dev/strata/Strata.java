package dev.strata;

import dev.strata.apply.ApplyListener;
import dev.strata.apply.Executor;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.source.LoadContext;
import dev.strata.source.SchemaLoader;
import dev.strata.source.SourceRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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

  /** Inspects a live database. */
  public Realm inspect(DbUrl url) {
    return new SchemaLoader(ctx).inspect(url, ctx.inspect());
  }

  /** The plan that turns {@code from} into {@code to}. */
  public Plan plan(Realm from, Realm to) {
    Dialect d = ctx.dialect();
    return d.planner().plan(new Differ(d.diffHooks()).diff(from, to), from, to);
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

  /** Applies a plan to the database at {@code url}; returns the number of statements run. */
  public int apply(DbUrl url, Plan plan, ApplyListener listener) {
    Dialect d = ctx.dialect();
    try (Connection c = d.open(url)) {
      return new Executor(d, listener).apply(c, plan);
    } catch (SQLException e) {
      throw new StrataException(d.name() + ": connecting to " + url + ": " + e.getMessage(), e);
    }
  }
}
