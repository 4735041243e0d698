package dev.strata.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.TableChange;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import dev.strata.plan.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden tests: the exact SQL the planner writes for representative changes. */
class SqlitePlannerTest {
  private static final SqlitePlanner PLANNER = new SqlitePlanner();
  private static final Realm EMPTY = new Realm(List.of(new Schema("main", List.of())));

  private static Table table(String name, List<Column> cols, PrimaryKey pk) {
    return new Table(name, cols, pk, List.of(), List.of(), List.of(), null, Attrs.EMPTY);
  }

  private static PrimaryKey pk(String... cols) {
    return new PrimaryKey(null, List.of(cols).stream().map(IndexPart::column).toList());
  }

  private static List<String> sql(Plan p) {
    // CREATE TABLE is rendered over several lines; the layout is pinned by the golden files
    return p.statements().stream().map(s -> oneLine(s.sql())).toList();
  }

  private static Plan plan(SchemaChange... changes) {
    return PLANNER.plan(List.of(changes), EMPTY, EMPTY);
  }

  @Test
  void createTableWithEverything() {
    Table users =
        new Table(
            "users",
            List.of(
                new Column("id", "integer", false, null, true, null, null, null, null),
                new Column("order", "text", true, "'x'", false, null, "NOCASE", null, null),
                new Column(
                    "Created",
                    "int",
                    false,
                    "strftime('%s', 'now')",
                    false,
                    null,
                    null,
                    null,
                    null),
                new Column("n", "int", true, "-1", false, null, null, null, null),
                new Column(
                    "g",
                    "int",
                    true,
                    null,
                    false,
                    new Column.Generated("n * 2", "STORED"),
                    null,
                    null,
                    null),
                new Column("team id", "int", true)),
            new PrimaryKey(null, List.of(IndexPart.column("id"))),
            List.of(
                new Index(
                    "users_order",
                    true,
                    List.of(IndexPart.column("order")),
                    null,
                    Attrs.of("constraint", "true")),
                new Index(
                    "users_n",
                    false,
                    List.of(new IndexPart(null, "abs(n)", true, Attrs.of("collate", "BINARY"))),
                    "n > 0",
                    Attrs.EMPTY)),
            List.of(
                new ForeignKey(
                    "fk_team",
                    List.of("team id"),
                    null,
                    "teams",
                    List.of("id"),
                    "NO ACTION",
                    "CASCADE",
                    null)),
            List.of(new Check("n_neg", "n < 0", null)),
            null,
            Attrs.of("strict", "true"));
    Plan p = plan(new SchemaChange.AddTable("main", users));
    assertEquals(
        List.of(
            "CREATE TABLE users (id integer NOT NULL PRIMARY KEY AUTOINCREMENT,"
                + " \"order\" text DEFAULT 'x' COLLATE NOCASE,"
                + " \"Created\" int NOT NULL DEFAULT (strftime('%s', 'now')), n int DEFAULT -1,"
                + " g int GENERATED ALWAYS AS (n * 2) STORED, \"team id\" int,"
                + " CONSTRAINT users_order UNIQUE (\"order\"), CONSTRAINT n_neg CHECK (n < 0),"
                + " CONSTRAINT fk_team FOREIGN KEY (\"team id\") REFERENCES teams (id)"
                + " ON DELETE CASCADE) STRICT",
            "CREATE INDEX users_n ON users (abs(n) COLLATE BINARY DESC) WHERE n > 0"),
        sql(p));
    assertEquals("DROP TABLE users", p.statements().get(0).reverse());
    assertEquals("DROP INDEX users_n", p.statements().get(1).reverse());
    assertEquals(true, p.transactional());
  }

  @Test
  void dropTableDropsIndexesFirstAndReversesToCreate() {
    Table t =
        table("t", List.of(new Column("a", "int", true)), null)
            .withIndexes(
                List.of(new Index("t_a", false, List.of(IndexPart.column("a")), null, null)));
    Plan p = plan(new SchemaChange.DropTable("main", t));
    assertEquals(List.of("DROP INDEX t_a", "DROP TABLE t"), sql(p));
    assertEquals(List.of("CREATE TABLE t (a int)", "CREATE INDEX t_a ON t (a)"), reverse(p));
  }

  @Test
  void renames() {
    Table from = table("a", List.of(new Column("x", "int", true)), null);
    Table to = from.withName("b");
    Column y = new Column("y", "int", true);
    Plan p =
        plan(
            new SchemaChange.RenameTable("main", from, to),
            new ModifyTable(
                "main",
                to,
                to.withColumns(List.of(y)),
                List.of(new TableChange.RenameColumn(from.columns().get(0), y))));
    assertEquals(
        List.of("ALTER TABLE a RENAME TO b", "ALTER TABLE b RENAME COLUMN x TO y"), sql(p));
    assertEquals(
        List.of("ALTER TABLE b RENAME COLUMN y TO x", "ALTER TABLE b RENAME TO a"), p.reverse());
  }

  @Test
  void rebuildGolden() {
    Column id = new Column("id", "integer", true);
    Column name = new Column("name", "text", true);
    Index byName = new Index("t_name", false, List.of(IndexPart.column("name")), null, null);
    Table from = table("t", List.of(id, name), pk("id")).withIndexes(List.of(byName));
    Column name2 = new Column("name", "text", false, "''", false, null, null, null, null);
    Column extra = new Column("extra", "int", false);
    Table to = table("t", List.of(id, name2, extra), pk("id")).withIndexes(List.of(byName));
    ModifyTable m =
        new ModifyTable(
            "main",
            from,
            to,
            List.of(
                new TableChange.ModifyColumn(
                    name, name2, java.util.Set.of(SchemaChange.ColumnChangeKind.NULL)),
                new TableChange.AddColumn(extra)));
    Plan p = plan(m);
    assertEquals(
        List.of(
            "DROP INDEX t_name",
            "CREATE TABLE new_t (id integer PRIMARY KEY, name text NOT NULL DEFAULT '', extra int NOT NULL)",
            "INSERT INTO new_t (id, name) SELECT id, name FROM t",
            "DROP TABLE t",
            "ALTER TABLE new_t RENAME TO t",
            "CREATE INDEX t_name ON t (name)"),
        sql(p));
    assertEquals(
        List.of(
            "DROP INDEX t_name",
            "CREATE TABLE new_t (id integer PRIMARY KEY, name text)",
            "INSERT INTO new_t (id, name) SELECT id, name FROM t",
            "DROP TABLE t",
            "ALTER TABLE new_t RENAME TO t",
            "CREATE INDEX t_name ON t (name)"),
        reverse(p));
  }

  @Test
  void viewsAndTriggersAroundARebuildInDependencyOrder() {
    Column a = new Column("a", "int", true);
    Table from = table("t", List.of(a), null);
    Table to = table("t", List.of(new Column("a", "bigint", true)), null);
    View v1 = new View("v1", "SELECT a FROM t", null, null);
    View v2 = new View("v2", "SELECT a FROM v1", null, null);
    View other = new View("other", "SELECT 1", null, null);
    Trigger tr =
        new Trigger("tr", "t", "CREATE TRIGGER tr AFTER DELETE ON t BEGIN SELECT 1; END", null);
    Realm before =
        new Realm(
            List.of(new Schema("main", List.of(from), List.of(v2, v1, other), List.of(tr), null)));
    Realm after =
        new Realm(
            List.of(new Schema("main", List.of(to), List.of(v2, v1, other), List.of(tr), null)));
    Plan p =
        PLANNER.plan(
            List.of(
                new ModifyTable(
                    "main",
                    from,
                    to,
                    List.of(
                        new TableChange.ModifyColumn(
                            a,
                            to.columns().get(0),
                            java.util.Set.of(SchemaChange.ColumnChangeKind.TYPE))))),
            before,
            after);
    assertEquals(
        List.of(
            "DROP TRIGGER tr",
            "DROP VIEW v2",
            "DROP VIEW v1",
            "CREATE TABLE new_t (a bigint)",
            "INSERT INTO new_t (a) SELECT a FROM t",
            "DROP TABLE t",
            "ALTER TABLE new_t RENAME TO t",
            "CREATE VIEW v1 AS SELECT a FROM t",
            "CREATE VIEW v2 AS SELECT a FROM v1",
            "CREATE TRIGGER tr AFTER DELETE ON t BEGIN SELECT 1; END"),
        sql(p));
  }

  @ParameterizedTest(name = "add {0} -> alter: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "c int | true",
        "c int NOT NULL DEFAULT 0 | true",
        "c int NOT NULL | false",
        "c int NOT NULL DEFAULT NULL | false",
        "c text DEFAULT (lower('X')) | false",
        "c text DEFAULT CURRENT_TIMESTAMP | false",
        "c int AS (a + 1) | true",
        "c int AS (a + 1) STORED | false",
        "c int UNIQUE | false",
      })
  void addColumnRules(String def, boolean alter) throws Exception {
    try (var before = SqliteTestSupport.memory("CREATE TABLE t (a int)");
        var after = SqliteTestSupport.memory("CREATE TABLE t (a int, " + def + ")")) {
      Table from = SqliteTestSupport.table(before, "t");
      Table to = SqliteTestSupport.table(after, "t");
      ModifyTable m = new ModifyTable("main", from, to, SqliteTestSupport.tableChanges(from, to));
      assertEquals(!alter, SqliteTableRebuild.needsRebuild(m));
    }
  }

  @ParameterizedTest(name = "drop b from {0} -> alter: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a int, b int | true",
        "a int, b int PRIMARY KEY | false",
        "a int, b int UNIQUE | false",
        "a int, b int REFERENCES x (y) | false",
        "a int, b int, CHECK (b > 0) | false",
        "a int AS (b + 1), b int | false",
        "a int, b int); CREATE INDEX i ON t (a) WHERE b > 0; SELECT (1 | false",
      })
  void dropColumnRules(String def, boolean alter) throws Exception {
    try (var before = SqliteTestSupport.memory("CREATE TABLE t (" + def + ")")) {
      Table from = SqliteTestSupport.table(before, "t");
      Column b = from.column("b").orElseThrow();
      Table to = from.withColumns(List.of(from.column("a").orElseThrow()));
      ModifyTable m = new ModifyTable("main", from, to, List.of(new TableChange.DropColumn(b)));
      assertEquals(!alter, SqliteTableRebuild.needsRebuild(m));
    }
  }

  @Test
  void dropColumnReverseIsNullWhenTheColumnCannotBeAddedBack() {
    Column a = new Column("a", "int", true);
    Column b = new Column("b", "int", false);
    Table from = table("t", List.of(a, b), null);
    Plan p =
        plan(
            new ModifyTable(
                "main",
                from,
                from.withColumns(List.of(a)),
                List.of(new TableChange.DropColumn(b))));
    assertEquals(List.of("ALTER TABLE t DROP COLUMN b"), sql(p));
    assertNull(p.statements().get(0).reverse());
  }

  @ParameterizedTest
  @CsvSource({
    "users,users",
    "Users,\"Users\"",
    "order,\"order\"",
    "a b,\"a b\"",
    "x\"y,\"x\"\"y\"",
    "_t1,_t1"
  })
  void quoting(String name, String quoted) {
    assertEquals(quoted, SqliteSql.ident(name));
  }

  private static List<String> reverse(Plan p) {
    return p.reverse().stream().map(SqlitePlannerTest::oneLine).toList();
  }

  private static String oneLine(String sql) {
    return sql.replace("(\n  ", "(").replace(",\n  ", ", ").replace("\n)", ")");
  }
}
