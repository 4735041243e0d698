package dev.strata.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.change.SchemaChange;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.model.Attrs;
import dev.strata.model.Column;
import dev.strata.model.Table;
import dev.strata.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs, connections, the dev database and the executor hooks. */
class SqliteDialectTest {
  private final SqliteDialect dialect = new SqliteDialect();

  @Test
  void foundByServiceLoaderForSqliteUrls() {
    Dialect d = Dialects.forUrl(DbUrl.parse("sqlite://app.db"));
    assertInstanceOf(SqliteDialect.class, d);
    assertEquals("sqlite", d.name());
    assertTrue(d.transactionalDdl());
    assertFalse(dialect.handles(DbUrl.parse("postgres://u@h/db")));
  }

  @Test
  void opensFilesAndPrivateMemoryDatabases(@TempDir Path dir) throws SQLException {
    Path file = dir.resolve("app.db");
    try (Connection c = dialect.open(DbUrl.parse("sqlite://" + file))) {
      SqliteTestSupport.exec(c, "CREATE TABLE t (a int)");
    }
    assertTrue(Files.exists(file));
    try (Connection c = dialect.open(DbUrl.parse("sqlite://" + file))) {
      assertEquals(
          List.of("t"), SqliteTestSupport.main(c).tables().stream().map(Table::name).toList());
    }
    DbUrl mem = DbUrl.parse("sqlite://scratch?mode=memory");
    try (Connection a = dialect.open(mem);
        Connection b = dialect.open(mem)) {
      SqliteTestSupport.exec(a, "CREATE TABLE t (a int)");
      assertTrue(SqliteTestSupport.main(b).tables().isEmpty(), "memory databases are private");
    }
  }

  @Test
  void devDatabaseIsInMemoryAndClosed() throws SQLException {
    DevDatabase dev = dialect.openDev(DbUrl.parse("sqlite://ignored.db"), null);
    Connection c = dev.connection();
    SqliteTestSupport.exec(c, String.join(";\n", dialect.splitStatements("CREATE TABLE x (a);")));
    assertEquals(1, SqliteTestSupport.main(c).tables().size());
    assertTrue(dev.url().isMemory());
    dev.close();
    assertTrue(c.isClosed());
  }

  @Test
  void foreignKeysOffOnlyForRebuildsAndRestored() throws SQLException {
    Table from =
        new Table(
            "t",
            List.of(new Column("a", "int", true)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.EMPTY);
    Table to =
        new Table(
            "t",
            List.of(new Column("a", "int", true)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.of("strict", "true"));
    Plan rebuild =
        new Plan(
            List.of(
                new SchemaChange.ModifyTable(
                    "main",
                    from,
                    to,
                    List.of(
                        new dev.strata.change.TableChange.ModifyAttrs(from.attrs(), to.attrs())))),
            List.of(),
            true);
    Plan create = new Plan(List.of(new SchemaChange.AddTable("main", from)), List.of(), true);
    try (Connection c = SqliteTestSupport.memory("")) {
      dialect.beforeApply(c, create);
      assertEquals(List.of("1"), SqliteTestSupport.rows(c, "PRAGMA foreign_keys"));
      dialect.beforeApply(c, rebuild);
      assertEquals(List.of("0"), SqliteTestSupport.rows(c, "PRAGMA foreign_keys"));
      dialect.afterApply(c, rebuild);
      assertEquals(List.of("1"), SqliteTestSupport.rows(c, "PRAGMA foreign_keys"));
    }
    try (Connection c = SqliteTestSupport.memory("PRAGMA foreign_keys = OFF")) {
      dialect.beforeApply(c, rebuild);
      dialect.afterApply(c, rebuild);
      assertEquals(List.of("0"), SqliteTestSupport.rows(c, "PRAGMA foreign_keys"), "left as found");
    }
  }

  @Test
  void verifyNamesTheViolatingRow() throws SQLException {
    Table t =
        new Table(
            "t",
            List.of(new Column("a", "int", true)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.EMPTY);
    Plan rebuild =
        new Plan(
            List.of(
                new SchemaChange.ModifyTable(
                    "main",
                    t,
                    t.withName("t"),
                    List.of(
                        new dev.strata.change.TableChange.ModifyAttrs(
                            Attrs.EMPTY, Attrs.of("x", "y"))))),
            List.of(),
            true);
    try (Connection c =
        SqliteTestSupport.memory(
            "PRAGMA foreign_keys = OFF; CREATE TABLE p (id integer PRIMARY KEY);"
                + "CREATE TABLE ch (p_id int REFERENCES p (id)); INSERT INTO ch VALUES (7), (8);")) {
      SQLException e =
          assertThrows(SQLException.class, () -> dialect.verifyBeforeCommit(c, rebuild));
      assertEquals(
          "sqlite: foreign key violation after applying the plan: table ch rowid 1 has no matching"
              + " row in p (and 1 more)",
          e.getMessage());
    }
  }
}
