package dev.strata.source;

import dev.strata.InputException;
import dev.strata.StrataException;
import dev.strata.apply.ApplyException;
import dev.strata.apply.Executor;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.InspectOptions;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.RevisionLog;
import dev.strata.plan.Statement;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a schema from any {@link SourceRef}. The database is the source of truth for normalisation:
 * SQL files are executed on a dev database and inspected there, and HCL files are decoded, applied
 * to an empty dev database and inspected back, so that both sides of a diff are spelled the way the
 * database spells them.
 */
public final class SchemaLoader {
  private final LoadContext ctx;

  public SchemaLoader(LoadContext ctx) {
    this.ctx = ctx;
  }

  /** Loads the schema named by {@code ref}. */
  public Realm load(SourceRef ref) {
    if (ref instanceof SourceRef.Database db) {
      return inspect(db.url(), ctx.inspect());
    } else if (ref instanceof SourceRef.SqlFiles sql) {
      return loadSql(sql.files());
    } else if (ref instanceof SourceRef.HclFiles hcl) {
      return loadHcl(hcl.files());
    }
    throw new IllegalStateException("unknown source " + ref);
  }

  /** Inspects a live database, leaving out Strata's own bookkeeping tables. */
  public Realm inspect(DbUrl url, InspectOptions options) {
    Dialect d = ctx.dialect();
    try (Connection c = d.open(url)) {
      return RevisionLog.withoutLog(d.inspect(c, options), ctx.revisionSchema());
    } catch (SQLException e) {
      throw new StrataException(d.name() + ": connecting to " + url + ": " + e.getMessage(), e);
    }
  }

  private Realm loadSql(List<Path> files) {
    try (DevDatabase dev = ctx.dialect().openDev(ctx.target(), ctx.devUrl())) {
      List<SqlRenameHints.Hint> hints =
          new SqlScriptRunner(ctx.dialect()).run(dev.connection(), files);
      return ExtensionVersions.withoutVersions(
          RenameHints.apply(ctx.dialect().inspect(dev.connection(), ctx.inspect()), hints),
          ExtensionVersions.unpinned(files));
    }
  }

  private Realm loadHcl(List<Path> files) {
    Realm decoded = HclFiles.decode(files, ctx.vars(), ctx.dialect().name());
    return ExtensionVersions.withoutVersions(
        normalize(decoded, files), ExtensionVersions.unpinned(decoded));
  }

  /**
   * Applies a decoded realm to an empty dev database and inspects it back, carrying over the user's
   * rename hints (which no database stores).
   */
  private Realm normalize(Realm decoded, List<Path> files) {
    int shard = DevShards.SHARD_TABLES;
    if (DevShards.applies(ctx.dialect().name(), decoded, shard)) {
      return RenameHints.carryOver(
          decoded, DevShards.normalize(decoded, shard, part -> normalizeOnDev(part, files)));
    }
    return RenameHints.carryOver(decoded, normalizeOnDev(decoded, files));
  }

  /** Applies {@code decoded} to a fresh dev database and inspects it back. */
  private Realm normalizeOnDev(Realm decoded, List<Path> files) {
    Dialect d = ctx.dialect();
    try (DevDatabase dev = d.openDev(ctx.target(), ctx.devUrl())) {
      Connection c = dev.connection();
      Realm empty = d.inspect(c, ctx.inspect());
      Plan planned =
          d.planner().plan(new Differ(d.diffHooks()).diff(empty, decoded), empty, decoded);
      // the dev database lives on a real server: its statements must stay inside it
      List<Statement> checked = new ArrayList<>();
      for (Statement s : planned.statements()) {
        try {
          checked.add(
              new Statement(
                  d.devStatement(c, s.sql()), s.reverse(), s.comment(), s.outsideTransaction()));
        } catch (IllegalArgumentException | SQLException e) {
          throw new InputException(
              "the schema in "
                  + files.get(0)
                  + " cannot be loaded on the dev database "
                  + dev.url()
                  + ": "
                  + e.getMessage()
                  + "\n  "
                  + s.sql().strip().lines().findFirst().orElse(""));
        }
      }
      Plan plan = new Plan(planned.changes(), checked, planned.transactional());
      try {
        new Executor(d, null).apply(c, plan);
      } catch (ApplyException e) {
        throw new InputException(
            "the schema in "
                + files.get(0)
                + (files.size() > 1 ? " (and " + (files.size() - 1) + " more files)" : "")
                + " is not valid for "
                + d.name()
                + ": statement "
                + e.failedIndex()
                + " failed on the dev database "
                + dev.url()
                + ":\n  "
                + e.failedSql()
                + "\n  error: "
                + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
      }
      return d.inspect(c, ctx.inspect());
    }
  }
}
