package dev.strata.dialect.sqlite;

import dev.strata.StrataException;
import dev.strata.dialect.InspectOptions;
import dev.strata.dialect.sqlite.SqliteDdlParser.ColumnDdl;
import dev.strata.dialect.sqlite.SqliteDdlParser.NamedCols;
import dev.strata.dialect.sqlite.SqliteDdlParser.TableDdl;
import dev.strata.model.Attrs;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads schema {@code main} of a SQLite database in bulk: one query per object kind over {@code
 * pragma_table_list} joined with the table-valued pragmas, never one query per table. What the
 * pragmas do not expose (constraint names, checks, collations, generated expressions, index
 * expressions) comes from the stored {@code CREATE} text via {@link SqliteDdlParser}.
 *
 * <p>Unnamed UNIQUE constraints are reported as indexes with attribute {@code constraint=true} and
 * the stable name {@code sqlite_autoindex_<table>_<columns>} (SQLite's own {@code _N} suffix
 * depends on declaration order and would not survive a table rebuild).
 */
public final class SqliteInspector {
  private static final String TABLES =
      "FROM pragma_table_list AS l %s WHERE l.schema = 'main' AND l.type = 'table'"
          + " AND l.name NOT LIKE 'sqlite\\_%%' ESCAPE '\\'";

  private final Connection conn;
  private final List<Pattern> exclude;

  public SqliteInspector(Connection conn, InspectOptions options) {
    this.conn = conn;
    this.exclude = options.exclude().stream().map(SqliteInspector::glob).toList();
  }

  /** Inspects and returns a realm with the single schema {@code main}. */
  public static Realm inspect(Connection conn, InspectOptions options) {
    if (!options.schemas().isEmpty() && !options.schemas().contains("main")) {
      return new Realm(List.of());
    }
    return new Realm(List.of(new SqliteInspector(conn, options).schema()));
  }

  /** Accumulates one table while the bulk queries are read. */
  private static final class Acc {
    final String name;
    final TableDdl ddl;
    final Attrs attrs;
    final List<Column> columns = new ArrayList<>();
    final Map<Integer, String> pk = new TreeMap<>();
    final Map<String, List<Object[]>> indexes = new TreeMap<>();
    final Map<Integer, List<String[]>> fks = new TreeMap<>();

    Acc(String name, String sql, boolean strict, boolean withoutRowid) {
      this.name = name;
      this.ddl = SqliteDdlParser.parseTable(sql);
      this.attrs =
          Attrs.of("strict", strict ? "true" : null, "without_rowid", withoutRowid ? "true" : null);
    }
  }

  Schema schema() {
    Map<String, Acc> tables = new LinkedHashMap<>();
    query(
        "tables",
        "SELECT l.name, s.sql, l.strict, l.wr "
            + TABLES.formatted("JOIN sqlite_schema AS s ON s.name = l.name AND s.type = 'table'")
            + " ORDER BY l.name",
        rs -> {
          String name = rs.getString(1);
          if (!excluded(name)) {
            tables.put(name, new Acc(name, rs.getString(2), rs.getInt(3) == 1, rs.getInt(4) == 1));
          }
        });
    query(
        "columns",
        "SELECT l.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden "
            + TABLES.formatted("JOIN pragma_table_xinfo(l.name, 'main') AS c")
            + " ORDER BY l.name, c.cid",
        rs -> {
          Acc t = tables.get(rs.getString(1));
          int hidden = rs.getInt(7);
          if (t != null && hidden != 1) {
            t.columns.add(column(t.ddl, rs, hidden));
            if (rs.getInt(6) > 0) {
              t.pk.put(rs.getInt(6), rs.getString(2));
            }
          }
        });
    query(
        "indexes",
        "SELECT l.name, il.name, il.\"unique\", il.origin, x.name, x.\"desc\", x.coll, si.sql "
            + TABLES.formatted(
                "JOIN pragma_index_list(l.name, 'main') AS il"
                    + " JOIN pragma_index_xinfo(il.name, 'main') AS x"
                    + " LEFT JOIN sqlite_schema AS si ON si.type = 'index' AND si.name = il.name")
            + " AND il.origin IN ('c', 'u') AND x.key = 1 ORDER BY l.name, il.name, x.seqno",
        rs -> {
          Acc t = tables.get(rs.getString(1));
          if (t != null) {
            t.indexes
                .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                .add(
                    new Object[] {
                      rs.getInt(3) == 1,
                      rs.getString(4),
                      rs.getString(5),
                      rs.getInt(6) == 1,
                      rs.getString(7),
                      rs.getString(8)
                    });
          }
        });
    query(
        "foreign keys",
        "SELECT l.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
            + TABLES.formatted("JOIN pragma_foreign_key_list(l.name, 'main') AS f")
            + " ORDER BY l.name, f.id, f.seq",
        rs -> {
          Acc t = tables.get(rs.getString(1));
          if (t != null) {
            t.fks
                .computeIfAbsent(rs.getInt(2), k -> new ArrayList<>())
                .add(
                    new String[] {
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7)
                    });
          }
        });
    List<View> views = new ArrayList<>();
    List<Trigger> triggers = new ArrayList<>();
    query(
        "views and triggers",
        "SELECT type, name, tbl_name, sql FROM sqlite_schema"
            + " WHERE type IN ('view', 'trigger') ORDER BY name",
        rs -> {
          String name = rs.getString(2);
          if (excluded(name) || excluded(rs.getString(3))) {
            return;
          }
          if (rs.getString(1).equals("view")) {
            String sql = rs.getString(4);
            Attrs attrs = Attrs.of(SqlitePlanner.VIEW_COLUMNS, SqliteDdlParser.viewColumns(sql));
            views.add(new View(name, SqliteDdlParser.viewBody(sql), null, attrs));
          } else {
            triggers.add(new Trigger(name, rs.getString(3), rs.getString(4), Attrs.EMPTY));
          }
        });
    Map<String, Table> built = new LinkedHashMap<>();
    for (Acc t : tables.values()) {
      built.put(t.name, table(t));
    }
    List<Table> out = new ArrayList<>();
    for (Table t : built.values()) {
      out.add(resolveForeignKeys(t, built));
    }
    return new Schema("main", out, views, triggers, Attrs.EMPTY);
  }

  private static Column column(TableDdl ddl, ResultSet rs, int hidden) throws SQLException {
    String name = rs.getString(2);
    String type = rs.getString(3) == null ? "" : rs.getString(3);
    ColumnDdl c = ddl.column(name);
    if (c != null && c.type().equalsIgnoreCase(type)) {
      type = c.type();
    }
    Column.Generated gen = null;
    if (hidden == 2 || hidden == 3) {
      String expr = c == null || c.generated() == null ? "" : c.generated().expr();
      gen = new Column.Generated(expr, hidden == 3 ? "STORED" : "VIRTUAL");
    }
    return new Column(
        name,
        type,
        rs.getInt(4) == 0,
        rs.getString(5),
        c != null && c.autoInc(),
        gen,
        c == null ? null : c.collation(),
        null,
        Attrs.EMPTY);
  }

  private static Table table(Acc t) {
    PrimaryKey pk = null;
    if (!t.pk.isEmpty()) {
      List<IndexPart> parts = new ArrayList<>();
      for (String col : t.pk.values()) {
        boolean desc = t.ddl.pkDesc().contains(SqliteDdlParser.lower(col));
        parts.add(new IndexPart(col, null, desc, Attrs.EMPTY));
      }
      pk = new PrimaryKey(t.ddl.pkName(), parts);
    }
    List<Column> columns = rowidAliasNotNull(t.columns, pk, t.attrs);
    List<Index> indexes = new ArrayList<>();
    Table shell = new Table(t.name, columns, pk, List.of(), List.of(), List.of(), null, t.attrs);
    t.indexes.forEach((name, rows) -> indexes.add(index(shell, t.ddl, name, rows)));
    indexes.sort(Comparator.comparing(Index::name));
    List<ForeignKey> fks = new ArrayList<>();
    List<NamedCols> named = new ArrayList<>(t.ddl.foreignKeys());
    for (List<String[]> rows : t.fks.values()) {
      List<String> cols = rows.stream().map(r -> canonical(shell, r[1])).toList();
      List<String> refCols = rows.stream().map(r -> r[2]).toList();
      String refTable = rows.get(0)[0];
      String name = null;
      for (NamedCols n : named) {
        if (sameNames(n.columns(), cols) && refTable.equalsIgnoreCase(n.refTable())) {
          name = n.name();
          named.remove(n);
          break;
        }
      }
      List<String> refs = refCols.contains(null) ? List.of() : refCols;
      fks.add(
          new ForeignKey(
              name,
              cols,
              null,
              refTable,
              refs,
              action(rows.get(0)[3]),
              action(rows.get(0)[4]),
              Attrs.EMPTY));
    }
    fks.sort(
        Comparator.comparing((ForeignKey f) -> String.join(",", f.columns()))
            .thenComparing(ForeignKey::refTable)
            .thenComparing(f -> String.join(",", f.refColumns())));
    return new Table(t.name, columns, pk, indexes, fks, t.ddl.checks(), null, t.attrs);
  }

  /**
   * An {@code INTEGER PRIMARY KEY} column of a rowid table is an alias of the rowid and can never
   * hold NULL, whether or not it was declared NOT NULL; SQLite still reports notnull=0 for it. It
   * is reported as NOT NULL so that {@code id integer PRIMARY KEY} and {@code id integer NOT NULL
   * PRIMARY KEY} compare equal. (Other primary keys do accept NULL in SQLite, a known quirk.)
   */
  private static List<Column> rowidAliasNotNull(List<Column> cols, PrimaryKey pk, Attrs attrs) {
    if (pk == null
        || pk.parts().size() != 1
        || pk.parts().get(0).desc()
        || attrs.flag("without_rowid")) {
      return cols;
    }
    String key = pk.parts().get(0).column();
    List<Column> out = new ArrayList<>(cols.size());
    for (Column c : cols) {
      boolean alias = c.name().equals(key) && c.type().equalsIgnoreCase("integer") && c.nullable();
      out.add(
          alias
              ? new Column(
                  c.name(),
                  c.type(),
                  false,
                  c.defaultExpr(),
                  c.autoIncrement(),
                  c.generated(),
                  c.collation(),
                  c.comment(),
                  c.attrs())
              : c);
    }
    return out;
  }

  private static Index index(Table t, TableDdl ddl, String name, List<Object[]> rows) {
    boolean unique = (Boolean) rows.get(0)[0];
    String sql = (String) rows.get(0)[5];
    if ("c".equals(rows.get(0)[1]) && sql != null) {
      SqliteDdlParser.IndexDdl parsed = SqliteDdlParser.parseIndex(sql);
      List<IndexPart> parts = new ArrayList<>();
      for (IndexPart p : parsed.parts()) {
        String col = p.column() == null ? null : canonical(t, p.column());
        parts.add(new IndexPart(col, p.expr(), p.desc(), p.attrs()));
      }
      return new Index(name, unique, parts, parsed.where(), Attrs.EMPTY);
    }
    List<IndexPart> parts = new ArrayList<>();
    List<String> cols = new ArrayList<>();
    for (Object[] r : rows) {
      String col = (String) r[2];
      String colColl = t.column(col).map(Column::collation).orElse(null);
      String coll = (String) r[4];
      boolean inherited = coll.equalsIgnoreCase(colColl == null ? "BINARY" : colColl);
      parts.add(
          new IndexPart(col, null, (Boolean) r[3], Attrs.of("collate", inherited ? null : coll)));
      cols.add(col);
    }
    String constraint = "sqlite_autoindex_" + t.name() + "_" + String.join("_", cols);
    for (NamedCols u : ddl.uniques()) {
      if (u.name() != null && sameNames(u.columns(), cols)) {
        constraint = u.name();
      }
    }
    return new Index(constraint, true, parts, null, Attrs.of(SqliteSql.CONSTRAINT, "true"));
  }

  /**
   * Completes foreign keys declared without referenced columns ({@code REFERENCES parent}): they
   * reference the parent's primary key. {@code tables} maps names to the schema's tables.
   */
  public static Table resolveForeignKeys(Table t, Map<String, Table> tables) {
    List<ForeignKey> fks = new ArrayList<>();
    for (ForeignKey fk : t.foreignKeys()) {
      Table parent = tables.get(fk.refTable());
      if (fk.refColumns().isEmpty() && parent != null && parent.primaryKey() != null) {
        fk =
            new ForeignKey(
                fk.name(),
                fk.columns(),
                null,
                fk.refTable(),
                parent.primaryKey().columnNames(),
                fk.onUpdate(),
                fk.onDelete(),
                fk.attrs());
      }
      fks.add(fk);
    }
    return new Table(
        t.name(), t.columns(), t.primaryKey(), t.indexes(), fks, t.checks(), null, t.attrs());
  }

  private static String canonical(Table t, String col) {
    return t.columns().stream()
        .map(Column::name)
        .filter(n -> n.equalsIgnoreCase(col))
        .findFirst()
        .orElse(col);
  }

  private static boolean sameNames(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String action(String a) {
    return a == null || a.equalsIgnoreCase("NO ACTION") ? null : a.toUpperCase();
  }

  private boolean excluded(String name) {
    return exclude.stream()
        .anyMatch(p -> p.matcher(name).matches() || p.matcher("main." + name).matches());
  }

  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      re.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(re.toString());
  }

  /** Reads one result row. */
  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String what, String sql, RowReader reader) {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw new StrataException("sqlite: inspecting " + what + ": " + e.getMessage(), e);
    }
  }
}
