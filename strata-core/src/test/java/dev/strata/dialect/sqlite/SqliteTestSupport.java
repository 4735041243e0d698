package dev.strata.dialect.sqlite;

import dev.strata.change.SchemaChange;
import dev.strata.change.TableChange;
import dev.strata.dialect.InspectOptions;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import dev.strata.plan.Plan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

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
  static List<SchemaChange> diff(Realm from, Realm to) {
    Schema a = from.schemas().get(0);
    Schema b = to.schemas().get(0);
    List<SchemaChange> out = new ArrayList<>();
    for (Table t : a.tables()) {
      if (b.table(t.name()).isEmpty()) {
        out.add(new SchemaChange.DropTable("main", t));
      }
    }
    for (Table t : b.tables()) {
      Table old = a.table(t.name()).orElse(null);
      if (old == null) {
        out.add(new SchemaChange.AddTable("main", t));
      } else if (!old.equals(t)) {
        out.add(new SchemaChange.ModifyTable("main", old, t, tableChanges(old, t)));
      }
    }
    for (View v : a.views()) {
      View n = b.view(v.name()).orElse(null);
      if (n == null) {
        out.add(new SchemaChange.DropView("main", v));
      } else if (!n.equals(v)) {
        out.add(new SchemaChange.ModifyView("main", v, n));
      }
    }
    b.views().stream()
        .filter(v -> a.view(v.name()).isEmpty())
        .forEach(v -> out.add(new SchemaChange.AddView("main", v)));
    for (Trigger t : a.triggers()) {
      Trigger n = b.trigger(t.name()).orElse(null);
      if (n == null) {
        out.add(new SchemaChange.DropTrigger("main", t));
      } else if (!n.equals(t)) {
        out.add(new SchemaChange.ModifyTrigger("main", t, n));
      }
    }
    b.triggers().stream()
        .filter(t -> a.trigger(t.name()).isEmpty())
        .forEach(t -> out.add(new SchemaChange.AddTrigger("main", t)));
    return out;
  }

  static List<TableChange> tableChanges(Table a, Table b) {
    List<TableChange> out = new ArrayList<>();
    for (Column c : a.columns()) {
      Column n = b.column(c.name()).orElse(null);
      if (n == null) {
        out.add(new TableChange.DropColumn(c));
      } else if (!n.equals(c)) {
        EnumSet<SchemaChange.ColumnChangeKind> kinds =
            EnumSet.noneOf(SchemaChange.ColumnChangeKind.class);
        if (!Objects.equals(c.type(), n.type())) {
          kinds.add(SchemaChange.ColumnChangeKind.TYPE);
        }
        if (c.nullable() != n.nullable()) {
          kinds.add(SchemaChange.ColumnChangeKind.NULL);
        }
        if (!Objects.equals(c.defaultExpr(), n.defaultExpr())) {
          kinds.add(SchemaChange.ColumnChangeKind.DEFAULT);
        }
        if (kinds.isEmpty()) {
          kinds.add(SchemaChange.ColumnChangeKind.ATTRS);
        }
        out.add(new TableChange.ModifyColumn(c, n, kinds));
      }
    }
    b.columns().stream()
        .filter(c -> a.column(c.name()).isEmpty())
        .forEach(c -> out.add(new TableChange.AddColumn(c)));
    for (Index i : a.indexes()) {
      if (!b.indexes().contains(i)) {
        out.add(new TableChange.DropIndex(i));
      }
    }
    for (Index i : b.indexes()) {
      if (!a.indexes().contains(i)) {
        out.add(new TableChange.AddIndex(i));
      }
    }
    if (!Objects.equals(a.primaryKey(), b.primaryKey())) {
      out.add(new TableChange.ModifyPrimaryKey(a.primaryKey(), b.primaryKey()));
    }
    for (ForeignKey f : a.foreignKeys()) {
      if (!b.foreignKeys().contains(f)) {
        out.add(new TableChange.DropForeignKey(f));
      }
    }
    for (ForeignKey f : b.foreignKeys()) {
      if (!a.foreignKeys().contains(f)) {
        out.add(new TableChange.AddForeignKey(f));
      }
    }
    for (Check k : a.checks()) {
      if (!b.checks().contains(k)) {
        out.add(new TableChange.DropCheck(k));
      }
    }
    for (Check k : b.checks()) {
      if (!a.checks().contains(k)) {
        out.add(new TableChange.AddCheck(k));
      }
    }
    if (!a.attrs().equals(b.attrs())) {
      out.add(new TableChange.ModifyAttrs(a.attrs(), b.attrs()));
    }
    return out;
  }
}
