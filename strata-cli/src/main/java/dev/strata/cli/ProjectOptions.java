package dev.strata.cli;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.InspectOptions;
import dev.strata.lint.Policy;
import dev.strata.project.DiffConfig;
import dev.strata.project.Env;
import dev.strata.project.LintConfig;
import dev.strata.project.Project;
import dev.strata.project.ProjectLoader;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The target and policy options of {@code plan} and {@code apply}: flags, or an environment of the
 * project file ({@code --env}), flags winning where both are given.
 */
final class ProjectOptions {
  @Option(
      names = {"-u", "--url"},
      paramLabel = "URL",
      description = "Database to change, e.g. sqlite://app.db (or the env's url).")
  String url;

  @Option(
      names = "--to",
      paramLabel = "REF",
      split = ",",
      description =
          "Desired state: .hcl or .sql file, directory of them, or a database URL (or the env's"
              + " src).")
  List<String> to = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME",
      description = "Take url, dev, src, schemas and exclude from env NAME of the project file.")
  String env;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "strata.hcl",
      description = "Project file (default: strata.hcl in the current directory).")
  String config;

  @Option(
      names = "--allow",
      paramLabel = "CODE|CATEGORY",
      split = ",",
      description =
          "Let findings of this lint code or category (e.g. DS102, destructive, data-dependent)"
              + " through the policy. See docs/lint.md.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--revisions-schema",
      paramLabel = "NAME",
      description =
          "Schema (PostgreSQL) or database (MySQL) holding the strata_schema_revisions history"
              + " table (or the env's revisions_schema; default: the connection's own).")
  String revisionsSchema;

  @Option(
      names = "--allow-destructive",
      description = "Allow changes that drop schemas, tables or columns (their data is lost).")
  boolean allowDestructive;

  @Option(
      names = "--concurrent-index",
      description =
          "PostgreSQL: create and drop indexes of existing tables CONCURRENTLY, outside the"
              + " transaction after it commits (as diff { concurrent_index { create = true"
              + " drop = true } } in the project file).")
  boolean concurrentIndex;

  private static final java.util.regex.Pattern DURATION =
      java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

  /** {@code 500ms}, {@code 10s} (a bare number is seconds), {@code 2m}/{@code 2min}, {@code 1h}. */
  static long millis(String text) {
    java.util.regex.Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new InputException(
          "--lock-timeout: not a duration: \"" + text + "\" (expected e.g. 500ms, 10s, 2m or 1h)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    long ms =
        switch (unit) {
          case "ms" -> n;
          case "s" -> n * 1000;
          case "m", "min" -> n * 60_000;
          default -> n * 3_600_000;
        };
    if (ms <= 0) {
      throw new InputException(
          "--lock-timeout must be positive (0 would wait forever, the danger it guards against)");
    }
    return ms;
  }

  /** Everything a command needs, resolved once. */
  record Resolved(
      Strata strata, DbUrl url, List<String> to, Policy policy, DiffConfig diff, LintConfig lint) {}

  Resolved resolve(CommonOptions common, boolean needTo) {
    return resolve(common, needTo, null);
  }

  /**
   * As {@link #resolve(CommonOptions, boolean)}; {@code lockTimeout} (a duration such as {@code
   * 10s}, or null) bounds the apply's lock waits: PostgreSQL's {@code lock_timeout} (URL
   * parameter), MySQL's {@code lock_wait_timeout} in whole seconds.
   */
  Resolved resolve(CommonOptions common, boolean needTo, String lockTimeout) {
    Project project = null;
    Env e = null;
    if (env != null) {
      Path file = Path.of(config);
      if (!Files.isRegularFile(file)) {
        throw new InputException("--env " + env + ": project file not found: " + file);
      }
      project = new ProjectLoader(common.varMap(), System.getenv()).load(file);
      e = project.env(env);
    }
    String u = url != null ? url : e == null ? null : e.url();
    if (u == null) {
      throw new InputException("missing --url (or --env with a url)");
    }
    List<String> refs = !to.isEmpty() ? to : e == null ? List.of() : e.src();
    if (needTo && refs.isEmpty()) {
      throw new InputException("missing --to (or --env with a src)");
    }
    String dev = common.devUrl != null ? common.devUrl : e == null ? null : e.dev();
    InspectOptions inspect =
        !common.schemas.isEmpty() || !common.exclude.isEmpty() || e == null
            ? common.inspectOptions()
            : e.inspectOptions();
    DbUrl db = DbUrl.parse(u);
    Dialect d = Strata.dialectFor(db);
    if (lockTimeout != null) {
      long ms = millis(lockTimeout);
      if (d.name().equals("postgres")) {
        db = db.withParam("lock_timeout", ms + "ms");
      } else if (d.name().equals("mysql")) {
        System.setProperty(
            "strata.mysql.lock_wait_timeout", Long.toString(Math.max(1, (ms + 999) / 1000)));
      } else {
        throw new InputException("--lock-timeout applies to PostgreSQL and MySQL/MariaDB only");
      }
    }
    Strata strata =
        new Strata(
            new LoadContext(
                d,
                db,
                dev == null ? null : DbUrl.parse(dev),
                common.varMap(),
                inspect,
                revisionsSchema != null
                    ? revisionsSchema
                    : e == null ? null : e.revisionsSchema()));
    LintConfig lint = project == null ? LintConfig.DEFAULT : project.lint();
    List<String> allowances = new ArrayList<>(allow);
    if (allowDestructive) {
      allowances.add("destructive");
    }
    DiffConfig diff = project == null ? DiffConfig.DEFAULT : project.diff();
    if (concurrentIndex) {
      diff = diff.withConcurrentIndexes();
    }
    return new Resolved(strata, db, refs, lint.policy(allowances), diff, lint);
  }
}
