package dev.strata.dialect.sqlite;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.dialect.InspectOptions;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.plan.Plan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers: real in-memory SQLite databases, a minimal by-name comparison that builds the
 * changes the generic Differ would, and an executor that runs a plan the way the real one does.
 */
final class SqliteTestSupport {
  static final SqliteDialect DIALECT = new SqliteDialect();

  private SqliteTestSupport() {}

  /** A fresh in-memory database (foreign keys on) with {@code script} executed. */
  static Connection memory(String script) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
    exec(c, "PRAGMA foreign_keys = ON");
    exec(c, script);
    return c;
  }

  static void exec(Connection c, String script) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String s : SqliteScriptSplitter.split(script)) {
        st.execute(s);
      }
    }
  }

  static List<String> rows(Connection c, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        out.add(String.join("|", row));
      }
    }
    return out;
  }

  static Realm inspect(Connection c) {
    return DIALECT.inspect(c, InspectOptions.ALL);
  }

  static Schema main(Connection c) {
    return inspect(c).schemas().get(0);
  }

  static Table table(Connection c, String name) {
    return main(c).table(name).orElseThrow();
  }

  /** Runs a plan like the executor: hooks, one transaction, rollback on error. */
  static void apply(Connection c, Plan plan, List<String> statements) throws SQLException {
    DIALECT.beforeApply(c, plan);
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      for (String s : statements) {
        st.execute(s);
      }
      DIALECT.verifyBeforeCommit(c, plan);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
      DIALECT.afterApply(c, plan);
    }
  }

  static void apply(Connection c, Plan plan) throws SQLException {
    apply(c, plan, plan.statements().stream().map(dev.strata.plan.Statement::sql).toList());
  }

  /** A minimal Differ: objects matched by exact name, parts compared as records. */
  /** The real Differ with SQLite's hooks. */
  static List<SchemaChange> diff(Realm from, Realm to) {
    return new Differ(DIALECT.diffHooks()).diff(from, to);
  }

  /** The table-level changes the real Differ finds between two versions of one table. */
  static List<TableChange> tableChanges(Table a, Table b) {
    List<SchemaChange> changes =
        new Differ(DIALECT.diffHooks())
            .diff(new Schema("main", List.of(a)), new Schema("main", List.of(b)));
    return changes.isEmpty() ? List.of() : ((SchemaChange.ModifyTable) changes.get(0)).changes();
  }
}
