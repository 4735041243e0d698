package dev.strata.dialect.sqlite;

import static dev.strata.dialect.sqlite.SqliteTestSupport.main;
import static dev.strata.dialect.sqlite.SqliteTestSupport.memory;
import static dev.strata.dialect.sqlite.SqliteTestSupport.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.dialect.InspectOptions;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inspection of real databases, asserted against the exact expected model. */
class SqliteInspectorTest {

  private static Column col(String name, String type, boolean nullable) {
    return new Column(name, type, nullable);
  }

  @Test
  void columnsKeysDefaultsGeneratedAndCollations() throws SQLException {
    try (Connection c =
        memory(
            "CREATE TABLE users (id integer PRIMARY KEY AUTOINCREMENT, email varchar(255) NOT NULL"
                + " COLLATE NOCASE UNIQUE, age INT DEFAULT (1 + 2), nick text DEFAULT 'a''b',"
                + " born timestamp DEFAULT CURRENT_TIMESTAMP, score real DEFAULT -1.5,"
                + " double_age int GENERATED ALWAYS AS (age * 2) STORED, next_age AS (age + 1),"
                + " anything, CHECK (age > 0), CONSTRAINT nick_len CHECK (length(nick) < 20))")) {
      Table expected =
          new Table(
              "users",
              List.of(
                  new Column("id", "integer", false, null, true, null, null, null, Attrs.EMPTY),
                  new Column(
                      "email", "varchar(255)", false, null, false, null, "NOCASE", null, null),
                  col("age", "INT", true).withDefault("1 + 2"),
                  col("nick", "text", true).withDefault("'a''b'"),
                  col("born", "timestamp", true).withDefault("CURRENT_TIMESTAMP"),
                  col("score", "real", true).withDefault("-1.5"),
                  new Column(
                      "double_age",
                      "int",
                      true,
                      null,
                      false,
                      new Column.Generated("age * 2", "STORED"),
                      null,
                      null,
                      null),
                  new Column(
                      "next_age",
                      "",
                      true,
                      null,
                      false,
                      new Column.Generated("age + 1", "VIRTUAL"),
                      null,
                      null,
                      null),
                  col("anything", "", true)),
              new PrimaryKey(null, List.of(IndexPart.column("id"))),
              List.of(
                  new Index(
                      "sqlite_autoindex_users_email",
                      true,
                      List.of(IndexPart.column("email")),
                      null,
                      Attrs.of("constraint", "true"))),
              List.of(),
              List.of(
                  new Check(null, "age > 0", null),
                  new Check("nick_len", "length(nick) < 20", null)),
              null,
              Attrs.EMPTY);
      assertEquals(expected, table(c, "users"));
    }
  }

  @Test
  void indexesForeignKeysAndTableOptions() throws SQLException {
    try (Connection c =
        memory(
            "CREATE TABLE p (a int NOT NULL, b text NOT NULL, CONSTRAINT p_pk PRIMARY KEY (a, b DESC),"
                + " CONSTRAINT p_b UNIQUE (b COLLATE NOCASE)) STRICT, WITHOUT ROWID;"
                + "CREATE TABLE \"Child\" (id integer PRIMARY KEY, pa int, pb text, q int"
                + " REFERENCES other ON UPDATE SET NULL, r int REFERENCES \"Child\","
                + " CONSTRAINT to_p FOREIGN KEY (pa, pb) REFERENCES p (a, b) ON DELETE CASCADE);"
                + "CREATE INDEX child_expr ON \"Child\" (lower(pb) COLLATE NOCASE DESC, \"PA\")"
                + " WHERE q IS NOT NULL;"
                + "CREATE UNIQUE INDEX child_q ON \"Child\" (q);")) {
      Schema s = main(c);
      assertEquals(List.of("Child", "p"), s.tables().stream().map(Table::name).toList());
      Table p = s.table("p").orElseThrow();
      assertEquals(Attrs.of("strict", "true", "without_rowid", "true"), p.attrs());
      assertEquals(
          new PrimaryKey(
              "p_pk", List.of(IndexPart.column("a"), new IndexPart("b", null, true, Attrs.EMPTY))),
          p.primaryKey());
      assertEquals(
          List.of(
              new Index(
                  "p_b",
                  true,
                  List.of(new IndexPart("b", null, false, Attrs.of("collate", "NOCASE"))),
                  null,
                  Attrs.of("constraint", "true"))),
          p.indexes());
      Table child = s.table("Child").orElseThrow();
      assertEquals(
          List.of(
              new Index(
                  "child_expr",
                  false,
                  List.of(
                      new IndexPart(null, "lower(pb)", true, Attrs.of("collate", "NOCASE")),
                      IndexPart.column("pa")),
                  "q IS NOT NULL",
                  Attrs.EMPTY),
              new Index("child_q", true, List.of(IndexPart.column("q")), null, Attrs.EMPTY)),
          child.indexes());
      assertEquals(
          List.of(
              new ForeignKey(
                  "to_p", List.of("pa", "pb"), null, "p", List.of("a", "b"), null, "CASCADE", null),
              new ForeignKey(null, List.of("q"), null, "other", List.of(), "SET NULL", null, null),
              new ForeignKey(null, List.of("r"), null, "Child", List.of("id"), null, null, null)),
          child.foreignKeys());
    }
  }

  @Test
  void viewsTriggersExclusionsAndInternalTables() throws SQLException {
    String trigger =
        "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN INSERT INTO tmp_log VALUES (new.a); END";
    try (Connection c =
        memory(
            "CREATE TABLE t (a integer PRIMARY KEY AUTOINCREMENT);"
                + "CREATE TABLE tmp_log (a int);"
                + "CREATE VIEW v (x) AS SELECT a FROM t WHERE a > 1;"
                + trigger
                + ";INSERT INTO t DEFAULT VALUES;")) {
      Realm r =
          SqliteTestSupport.DIALECT.inspect(c, new InspectOptions(List.of(), List.of("tmp_*")));
      Schema s = r.schemas().get(0);
      assertEquals("main", s.name());
      assertEquals(List.of("t"), s.tables().stream().map(Table::name).toList());
      assertEquals(
          List.of(new View("v", "SELECT a FROM t WHERE a > 1", null, Attrs.of("columns", "x"))),
          s.views());
      assertEquals(List.of(new Trigger("t_ins", "t", trigger, null)), s.triggers());
      assertTrue(
          SqliteTestSupport.DIALECT
              .inspect(c, new InspectOptions(List.of("other"), List.of()))
              .schemas()
              .isEmpty());
    }
  }

  @Test
  void bulkInspectionOfManyTables() throws SQLException {
    StringBuilder ddl = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      ddl.append("CREATE TABLE t")
          .append(i)
          .append(" (id integer PRIMARY KEY, name text UNIQUE, ref int REFERENCES t0 (id));")
          .append("CREATE INDEX t")
          .append(i)
          .append("_ref ON t")
          .append(i)
          .append(" (ref);");
    }
    try (Connection c = memory(ddl.toString())) {
      long start = System.nanoTime();
      Schema s = main(c);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(500, s.tables().size());
      assertEquals(2, s.table("t499").orElseThrow().indexes().size());
      assertTrue(ms < 5_000, "inspection took " + ms + " ms");
    }
  }
}
