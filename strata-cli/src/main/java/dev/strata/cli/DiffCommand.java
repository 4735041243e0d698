package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.json.Json;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.project.DiffConfig;
import dev.strata.source.LoadContext;
import dev.strata.source.SourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema diff}: print the SQL that turns one schema into another. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Print the statements that would turn the --from schema into the --to schema. Each side"
          + " is a database URL, an .hcl or .sql file, or a directory of them (file://db/)."
          + " Prints nothing (and says so on stderr) when both sides are in sync.",
      "",
      "Example: strata schema diff --from sqlite://app.db --to file://schema.hcl"
    })
final class DiffCommand implements Callable<Integer> {
  @ParentCommand SchemaCommand parent;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "REF",
      description = "Current state: URL, file or directory.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "REF",
      description = "Desired state: URL, file or directory.")
  String to;

  @Option(
      names = "--format",
      defaultValue = "sql",
      paramLabel = "FORMAT",
      description = "sql (default, statements only), text (with the reverse) or json.")
  String format;

  @Option(
      names = "--concurrent-index",
      description =
          "PostgreSQL: create and drop indexes of existing tables CONCURRENTLY (run outside the"
              + " transaction, after it).")
  boolean concurrentIndex;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    String fmt = Formats.check(format, "sql", "text", "json");
    DbUrl dev = common.devDbUrl();
    DbUrl target = Targets.firstDatabase(dev, from, to);
    Dialect d = Targets.dialect(target);
    Strata strata =
        new Strata(new LoadContext(d, target, dev, common.varMap(), common.inspectOptions()));
    Realm[] both = loadBoth(strata, from, to);
    Realm current = both[0];
    Realm desired = sameNamedSchema(from, to, current, both[1]);
    Plan plan =
        strata.plan(
            current,
            desired,
            concurrentIndex ? DiffConfig.DEFAULT.withConcurrentIndexes() : DiffConfig.DEFAULT);
    Main.Io io = parent.main.io;
    if (plan.isEmpty()) {
      io.err().println("Schemas are synced, no changes to be made.");
      if (fmt.equals("json")) {
        io.out().println(Json.write(Map.of("statements", plan.statements())));
      }
      return 0;
    }
    switch (fmt) {
      case "json" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statements", plan.statements());
        io.out().println(Json.write(out));
      }
      case "text" -> {
        io.out().print(PlanText.sql(plan));
        io.out().println();
        io.out().println("-- Reverse (undo):");
        io.out().print(PlanText.reverse(plan));
      }
      default -> io.out().print(PlanText.sql(plan));
    }
    return 0;
  }

  /**
   * Two MySQL/MariaDB URLs that each name one database are compared by content, as Atlas does: the
   * desired database takes the current one's name, so diffing {@code .../app_a} with {@code
   * .../app_b} gives table changes, not a drop of one database and the creation of the other.
   */
  static Realm sameNamedSchema(String from, String to, Realm current, Realm desired) {
    if (!(SourceRef.parse(from) instanceof SourceRef.Database a)
        || !(SourceRef.parse(to) instanceof SourceRef.Database b)
        || !isMysqlDatabase(a.url())
        || !isMysqlDatabase(b.url())
        || current.schemas().size() != 1
        || desired.schemas().size() != 1) {
      return desired;
    }
    Schema c = current.schemas().get(0);
    Schema s = desired.schemas().get(0);
    if (c.name().equals(s.name())) {
      return desired;
    }
    return new Realm(
        List.of(new Schema(c.name(), s.tables(), s.views(), s.triggers(), s.objects(), s.attrs())));
  }

  private static boolean isMysqlDatabase(DbUrl u) {
    return (u.scheme().equals("mysql") || u.scheme().equals("maria"))
        && u.path() != null
        && !u.path().isBlank();
  }

  /**
   * Loads both sides; two live databases are inspected at once (each on its own connection), so the
   * catalog queries of one overlap the other's and the client-side work.
   */
  static Realm[] loadBoth(Strata strata, String from, String to) {
    if (!(SourceRef.parse(from) instanceof SourceRef.Database)
        || !(SourceRef.parse(to) instanceof SourceRef.Database)) {
      return new Realm[] {strata.load(from), strata.load(to)};
    }
    java.util.concurrent.FutureTask<Realm> other =
        new java.util.concurrent.FutureTask<>(() -> strata.load(to));
    Thread t = new Thread(other, "strata-inspect-to");
    t.setDaemon(true);
    t.start();
    Realm current = strata.load(from);
    try {
      return new Realm[] {current, other.get()};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.strata.StrataException("interrupted while inspecting " + to, e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new dev.strata.StrataException(e.getCause().getMessage(), e.getCause());
    }
  }
}
