package dev.strata.cli;

import dev.strata.InputException;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.InspectOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the schema commands, spelled as Atlas spells them. */
final class CommonOptions {
  @Option(
      names = "--dev-url",
      paramLabel = "URL",
      description =
          "Dev database where the desired state (SQL or HCL) is executed and inspected. Default"
              + " for SQLite: a private in-memory database; for PostgreSQL and MySQL/MariaDB: a"
              + " temporary database created on the target's server and dropped afterwards. A"
              + " --dev-url database must be empty. For MySQL a URL without a database gets a"
              + " temporary database on that server; embedded://postgres starts an embedded"
              + " PostgreSQL, so two .sql files can be compared with no server.")
  String devUrl;

  @Option(
      names = {"-s", "--schema"},
      paramLabel = "NAME",
      split = ",",
      description = "Only these schemas (repeat or comma-separate).")
  List<String> schemas = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      split = ",",
      description =
          "Skip objects whose name or schema.name matches (e.g. 'tmp_*', 'main.audit_*'); on"
              + " PostgreSQL a glob matching a schema's own name ('audit') skips the whole"
              + " schema, which is then never dropped.")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description = "Value of an HCL input variable (repeatable).")
  List<String> vars = new ArrayList<>();

  InspectOptions inspectOptions() {
    return new InspectOptions(schemas, exclude);
  }

  DbUrl devDbUrl() {
    return devUrl == null ? null : DbUrl.parse(devUrl);
  }

  Map<String, String> varMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : vars) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new InputException("--var expects NAME=VALUE, got \"" + v + "\"");
      }
      m.put(v.substring(0, eq), v.substring(eq + 1));
    }
    return m;
  }
}
