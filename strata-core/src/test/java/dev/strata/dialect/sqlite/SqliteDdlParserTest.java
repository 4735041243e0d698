package dev.strata.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.dialect.sqlite.SqliteDdlParser.ColumnDdl;
import dev.strata.dialect.sqlite.SqliteDdlParser.NamedCols;
import dev.strata.dialect.sqlite.SqliteDdlParser.TableDdl;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.IndexPart;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CREATE TABLE / INDEX / VIEW text reader. */
class SqliteDdlParserTest {

  @Test
  void columnAndTableConstraints() {
    TableDdl t =
        SqliteDdlParser.parseTable(
            "CREATE TABLE IF NOT EXISTS \"t\" (\n"
                + "  id INTEGER CONSTRAINT pk PRIMARY KEY DESC AUTOINCREMENT,\n"
                + "  [check] text DEFAULT ('(x)') COLLATE nocase CHECK ([check] <> ')'),\n"
                + "  `g` int GENERATED ALWAYS AS (length(\"check\")) STORED,\n"
                + "  v AS (id + 1),\n"
                + "  d numeric(10, 2) DEFAULT -1 CONSTRAINT d_ref REFERENCES other (x) ON DELETE"
                + " SET NULL,\n"
                + "  u int CONSTRAINT u_uq UNIQUE,\n"
                + "  CONSTRAINT two CHECK (d > 0 AND (u < 3)),\n"
                + "  CHECK (1),\n"
                + "  FOREIGN KEY (u, d) REFERENCES \"Other\" (a, b),\n"
                + "  UNIQUE (d, u)\n"
                + ") STRICT");
    assertEquals(
        List.of(
            new ColumnDdl("id", "INTEGER", null, null, true),
            new ColumnDdl("check", "text", "nocase", null, false),
            new ColumnDdl(
                "g", "int", null, new Column.Generated("length(\"check\")", "STORED"), false),
            new ColumnDdl("v", "", null, new Column.Generated("id + 1", "VIRTUAL"), false),
            new ColumnDdl("d", "numeric(10, 2)", null, null, false),
            new ColumnDdl("u", "int", null, null, false)),
        t.columns());
    assertEquals("pk", t.pkName());
    assertEquals(Set.of("id"), t.pkDesc());
    assertEquals(
        List.of(
            new Check(null, "[check] <> ')'", Attrs.EMPTY),
            new Check("two", "d > 0 AND (u < 3)", Attrs.EMPTY),
            new Check(null, "1", Attrs.EMPTY)),
        t.checks());
    assertEquals(
        List.of(
            new NamedCols("d_ref", List.of("d"), "other"),
            new NamedCols(null, List.of("u", "d"), "Other")),
        t.foreignKeys());
    assertEquals(
        List.of(
            new NamedCols("u_uq", List.of("u"), null),
            new NamedCols(null, List.of("d", "u"), null)),
        t.uniques());
  }

  @Test
  void tableLevelKeyAndTextWithoutColumns() {
    TableDdl t = SqliteDdlParser.parseTable("CREATE TABLE x (a, b, PRIMARY KEY (a, b DESC))");
    assertNull(t.pkName());
    assertEquals(Set.of("b"), t.pkDesc());
    assertTrue(SqliteDdlParser.parseTable(null).columns().isEmpty());
  }

  @Test
  void indexPartsAndPredicate() {
    SqliteDdlParser.IndexDdl i =
        SqliteDdlParser.parseIndex(
            "CREATE UNIQUE INDEX IF NOT EXISTS \"i\" ON t (a, \"B\" DESC, lower(c) COLLATE NOCASE,"
                + " a + b ASC) WHERE a IS NOT NULL AND b > 'x'");
    assertEquals(
        List.of(
            IndexPart.column("a"),
            new IndexPart("B", null, true, Attrs.EMPTY),
            new IndexPart(null, "lower(c)", false, Attrs.of("collate", "NOCASE")),
            new IndexPart(null, "a + b", false, Attrs.EMPTY)),
        i.parts());
    assertEquals("a IS NOT NULL AND b > 'x'", i.where());
  }

  @Test
  void viewBodyAndReferences() {
    assertEquals(
        "SELECT a AS b FROM t",
        SqliteDdlParser.viewBody("CREATE VIEW IF NOT EXISTS v (x) AS SELECT a AS b FROM t;"));
    assertEquals(
        Set.of("select", "a", "from", "my table", "where", "x"),
        SqliteDdlParser.referencedNames("SELECT a FROM \"My Table\" WHERE x = 'Lit'"));
  }
}
