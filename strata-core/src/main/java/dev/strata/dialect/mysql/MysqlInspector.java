package dev.strata.dialect.mysql;

import dev.strata.StrataException;
import dev.strata.apply.StepwiseExecutor;
import dev.strata.dialect.InspectOptions;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads MySQL and MariaDB schemas in bulk from {@code information_schema}: one query per object
 * kind (schemas, tables, columns, index parts, foreign keys, checks, views, triggers, routines,
 * events) for all schemas in scope, never one per table; only partitioned tables need a {@code SHOW
 * CREATE TABLE} each, for their partition clause. The scope is {@link InspectOptions#schemas} when
 * given, else the connection's database, else every non-system database. A dev database is reported
 * under its alias (the target's name) and its own qualifier is stripped from view bodies.
 */
final class MysqlInspector {
  /** A table's key in the per-kind maps. */
  record Key(String schema, String table) {}

  private final Connection conn;
  private final InspectOptions options;
  final MysqlServer server;
  private final List<Pattern> exclude = new ArrayList<>();

  MysqlInspector(Connection conn, InspectOptions options) {
    this.conn = conn;
    this.options = options == null ? InspectOptions.ALL : options;
    try {
      this.server = MysqlDialect.server(conn);
    } catch (SQLException e) {
      throw new StrataException("mysql: reading the server version: " + e.getMessage(), e);
    }
    for (String glob : this.options.exclude()) {
      exclude.add(Pattern.compile(glob.replace(".", "\\.").replace("*", ".*").replace("?", ".")));
    }
  }

  Realm inspect() {
    try {
      List<String> names = scope();
      if (names.isEmpty()) {
        return new Realm(List.of());
      }
      String in = inList(names.size());
      Map<String, Attrs> schemaAttrs = schemas(names, in);
      Map<Key, Attrs> tableAttrs = new LinkedHashMap<>();
      Map<Key, String> comments = new LinkedHashMap<>();
      Map<Key, String> collations = new HashMap<>();
      tables(names, in, tableAttrs, comments, collations);
      MysqlColumns columns = new MysqlColumns(server, tableAttrs, collations);
      Map<Key, List<Column>> cols = columns.read(query(MysqlColumns.sql(server, in), names));
      MysqlKeys keys = new MysqlKeys(this, names, in);
      Map<Key, PrimaryKey> pks = new LinkedHashMap<>();
      Map<Key, List<Index>> idx = keys.indexes(pks);
      Map<Key, List<ForeignKey>> fks = keys.foreignKeys();
      Map<Key, List<Check>> checks = keys.checks(cols);
      MysqlObjects objects = new MysqlObjects(this, names, in);
      Map<String, List<View>> views = objects.views();
      Map<String, List<Trigger>> triggers = objects.triggers();
      Map<String, List<SchemaObject>> routines = objects.routines();
      List<Schema> out = new ArrayList<>();
      for (String s : names) {
        List<Table> ts = new ArrayList<>();
        for (Map.Entry<Key, Attrs> e : tableAttrs.entrySet()) {
          Key k = e.getKey();
          if (!k.schema().equals(s)) {
            continue;
          }
          ts.add(
              new Table(
                  k.table(),
                  cols.getOrDefault(k, List.of()),
                  pks.get(k),
                  idx.getOrDefault(k, List.of()),
                  fks.getOrDefault(k, List.of()),
                  checks.getOrDefault(k, List.of()),
                  comments.get(k),
                  e.getValue()));
        }
        out.add(
            new Schema(
                displayName(s),
                ts,
                views.getOrDefault(s, List.of()),
                triggers.getOrDefault(s, List.of()),
                routines.getOrDefault(s, List.of()),
                schemaAttrs.get(s)));
      }
      return new Realm(out);
    } catch (SQLException e) {
      throw new StrataException("mysql: inspecting: " + e.getMessage(), e);
    }
  }

  /** The name the realm reports for a database: the dev alias or the name itself. */
  String displayName(String schema) throws SQLException {
    String alias = MysqlDevDatabase.alias(conn);
    return alias != null && schema.equals(conn.getCatalog()) ? alias : schema;
  }

  private List<String> scope() throws SQLException {
    if (!options.schemas().isEmpty()) {
      return options.schemas();
    }
    String current = conn.getCatalog();
    if (current != null && !current.isEmpty()) {
      return List.of(current);
    }
    List<String> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN"
                    + " ('mysql','information_schema','performance_schema','sys','"
                    + MysqlDialect.PROGRESS_DATABASE
                    + "')"
                    + " ORDER BY SCHEMA_NAME")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private Map<String, Attrs> schemas(List<String> names, String in) throws SQLException {
    Map<String, Attrs> out = new LinkedHashMap<>();
    // database comments exist on MariaDB 10.5+ only
    boolean comments = server.mariaAtLeast(10, 5, 0);
    try (ResultSet rs =
        query(
            "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + (comments ? ", SCHEMA_COMMENT" : "")
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN "
                + in,
            names)) {
      while (rs.next()) {
        String comment = comments ? rs.getString(4) : null;
        out.put(
            rs.getString(1),
            Attrs.of(
                "charset",
                rs.getString(2),
                "collate",
                rs.getString(3),
                "server",
                server.describe(),
                "comment",
                comment == null || comment.isEmpty() ? null : comment));
      }
    }
    return out;
  }

  private void tables(
      List<String> names,
      String in,
      Map<Key, Attrs> attrs,
      Map<Key, String> comments,
      Map<Key, String> collations)
      throws SQLException {
    String sql =
        "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.ENGINE, t.TABLE_COLLATION, c.CHARACTER_SET_NAME,"
            + " t.AUTO_INCREMENT, t.TABLE_COMMENT, t.CREATE_OPTIONS, s.DEFAULT_COLLATION_NAME"
            + " FROM information_schema.TABLES t"
            + " JOIN information_schema.SCHEMATA s ON s.SCHEMA_NAME = t.TABLE_SCHEMA"
            + " LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION"
            + " WHERE t.TABLE_TYPE = 'BASE TABLE' AND t.TABLE_SCHEMA IN "
            + in
            + " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME";
    List<Key> partitioned = new ArrayList<>();
    try (ResultSet rs = query(sql, names)) {
      while (rs.next()) {
        Key k = new Key(rs.getString(1), rs.getString(2));
        if (k.table().equals(StepwiseExecutor.PROGRESS_TABLE) || excluded(k.schema(), k.table())) {
          continue;
        }
        String collation = rs.getString(4);
        collations.put(k, collation);
        boolean inherited = collation != null && collation.equals(rs.getString(9));
        long ai = rs.getLong(6);
        String options = rs.getString(8) == null ? "" : rs.getString(8).toLowerCase(Locale.ROOT);
        Attrs a =
            Attrs.of(
                "engine", rs.getString(3),
                "charset", inherited ? null : rs.getString(5),
                "collate", inherited ? null : collation,
                "auto_increment", ai > 1 ? Long.toString(ai) : null,
                "row_format", option(options, "row_format"));
        if (options.contains("partitioned")) {
          partitioned.add(k);
        }
        attrs.put(k, a);
        String comment = rs.getString(7);
        comments.put(k, comment == null || comment.isEmpty() ? null : comment);
      }
    }
    for (Key k : partitioned) {
      attrs.put(k, attrs.get(k).with("partition", partitionClause(k)));
    }
  }

  private static String option(String createOptions, String key) {
    for (String part : createOptions.split(" ")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1).toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** The {@code PARTITION BY ...} clause of a partitioned table, from SHOW CREATE TABLE. */
  private String partitionClause(Key k) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SHOW CREATE TABLE "
                    + MysqlDdl.quote(k.schema())
                    + "."
                    + MysqlDdl.quote(k.table()))) {
      rs.next();
      String ddl = rs.getString(2);
      int at = ddl.indexOf("PARTITION BY");
      if (at < 0) {
        return null;
      }
      String clause = ddl.substring(at).replace("*/", "").strip();
      return clause.replaceAll("\\s+", " ");
    }
  }

  /** The second column of {@code SHOW CREATE <kind> schema.name}: the object's DDL. */
  String showCreate(String kind, String schema, String name) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SHOW CREATE "
                    + kind
                    + " "
                    + MysqlDdl.quote(schema)
                    + "."
                    + MysqlDdl.quote(name))) {
      return rs.next() ? rs.getString(2) : null;
    }
  }

  boolean excluded(String schema, String name) {
    for (Pattern p : exclude) {
      if (p.matcher(name).matches() || p.matcher(schema + "." + name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Runs a query whose parameters are the schema names (once per {@code IN} list). */
  ResultSet query(String sql, List<String> names) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(sql);
    ps.closeOnCompletion();
    int lists = sql.split("IN \\(\\?", -1).length - 1;
    int i = 1;
    for (int l = 0; l < lists; l++) {
      for (String n : names) {
        ps.setString(i++, n);
      }
    }
    return ps.executeQuery();
  }

  static String inList(int n) {
    return "(" + String.join(",", java.util.Collections.nCopies(n, "?")) + ")";
  }
}
