package dev.strata.lint;

import dev.strata.change.SchemaChange;
import dev.strata.dialect.DiffHooks;
import dev.strata.diff.Differ;
import dev.strata.lint.impact.TableStats;
import dev.strata.lint.rules.SqlDataProbe;
import dev.strata.model.Attrs;
import dev.strata.model.Column;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Builders for lint tests: models, plans, and a real in-memory SQLite database. */
final class Fixtures {
  private Fixtures() {}

  static Connection sqlite(String... sql) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
    exec(c, sql);
    return c;
  }

  static void exec(Connection c, String... sql) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  static Column col(String name, String type, boolean nullable) {
    return new Column(name, type, nullable);
  }

  static Table table(String name, Column... cols) {
    return new Table(
        name,
        List.of(cols),
        new PrimaryKey(null, List.of(IndexPart.column(cols[0].name()))),
        List.of(),
        List.of(),
        List.of(),
        null,
        Attrs.EMPTY);
  }

  static Index unique(String name, String... cols) {
    return new Index(
        name, true, Arrays.stream(cols).map(IndexPart::column).toList(), null, Attrs.EMPTY);
  }

  static Realm realm(Table... tables) {
    return new Realm(List.of(new Schema("main", List.of(tables))));
  }

  static List<SchemaChange> diff(Realm from, Realm to) {
    return new Differ(new DiffHooks() {}).diff(from, to);
  }

  /** A plan of the diff with the given statements (what a planner would produce). */
  static Plan plan(Realm from, Realm to, String... sql) {
    return new Plan(
        diff(from, to), Arrays.stream(sql).map(s -> new Statement(s, null, null)).toList(), true);
  }

  static LintContext context(String dialect, Realm from, Realm to, Connection c, String... sql) {
    return new LintContext(
        dialect,
        plan(from, to, sql),
        from,
        to,
        c == null ? null : new SqlDataProbe(c, "sqlite"),
        c == null ? null : TableStats.forDialect("sqlite", c));
  }

  static LintReport lint(LintContext ctx) {
    return Linter.standard(List.of()).lint(ctx);
  }

  static List<Diagnostic> only(LintReport r, Code code) {
    return r.diagnostics().stream().filter(d -> d.code() == code).toList();
  }
}
