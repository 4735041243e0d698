package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.model.Realm;
import dev.strata.source.LoadContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema inspect}: print the live schema as HCL, SQL or JSON. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print the schema of a live database.",
      "",
      "Example: strata schema inspect --url sqlite://app.db --format sql"
    })
final class InspectCommand implements Callable<Integer> {
  @ParentCommand SchemaCommand parent;

  @Option(
      names = {"-u", "--url"},
      required = true,
      paramLabel = "URL",
      description = "Database to inspect, e.g. sqlite://app.db.")
  String url;

  @Option(
      names = "--format",
      defaultValue = "hcl",
      paramLabel = "FORMAT",
      description = "Output format: hcl (default), sql or json.")
  String format;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    DbUrl db = DbUrl.parse(url);
    Dialect d = Strata.dialectFor(db);
    Strata strata =
        new Strata(
            new LoadContext(d, db, common.devDbUrl(), common.varMap(), common.inspectOptions()));
    String fmt = Formats.check(format, "hcl", "sql", "json");
    Realm realm = strata.inspect(db);
    parent.main.io.out().print(Formats.render(realm, fmt, strata));
    return 0;
  }
}
