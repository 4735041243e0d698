package dev.strata.dialect.mysql;

import dev.strata.dialect.mysql.MysqlInspector.Key;
import dev.strata.model.Attrs;
import dev.strata.model.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@code information_schema.COLUMNS} rows into model columns, normalising what MySQL and
 * MariaDB report differently: MariaDB quotes string defaults and spells {@code NULL} for "default
 * null", MySQL reports raw text and marks expressions with {@code DEFAULT_GENERATED}; both end up
 * as SQL expressions ({@code 'abc'}, {@code 0}, {@code CURRENT_TIMESTAMP}). The type keeps its
 * parameters but not the integer display width (except with zerofill and for {@code tinyint(1)});
 * {@code unsigned}, {@code zerofill}, {@code on_update}, {@code invisible} and {@code charset} go
 * to attributes. Charset and collation are kept only when they differ from the table's.
 */
final class MysqlColumns {
  private final MysqlServer server;
  private final Map<Key, Attrs> tables;

  private final Map<Key, String> collations;

  /**
   * {@code tables}: the base tables in scope (columns of other tables and views are skipped);
   * {@code collations}: each table's collation, which its columns inherit unless they set their
   * own. Both come from the TABLES query: joining information_schema.TABLES here made MariaDB open
   * every table of every database on the server (seconds at 1,000 tables), not just those in scope.
   */
  MysqlColumns(MysqlServer server, Map<Key, Attrs> tables, Map<Key, String> collations) {
    this.server = server;
    this.tables = tables;
    this.collations = collations;
  }

  static String sql(MysqlServer server, String in) {
    return "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_DEFAULT, c.IS_NULLABLE,"
        + " c.DATA_TYPE, c.COLUMN_TYPE, c.CHARACTER_SET_NAME, c.COLLATION_NAME, c.EXTRA,"
        + " c.COLUMN_COMMENT, c.GENERATION_EXPRESSION"
        + " FROM information_schema.COLUMNS c"
        + " WHERE c.TABLE_SCHEMA IN "
        + in
        + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";
  }

  Map<Key, List<Column>> read(ResultSet rs) throws SQLException {
    Map<Key, List<Column>> out = new LinkedHashMap<>();
    try (rs) {
      while (rs.next()) {
        Key k = new Key(rs.getString(1), rs.getString(2));
        if (!tables.containsKey(k)) {
          continue;
        }
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(column(rs, collations.get(k)));
      }
    }
    return out;
  }

  private Column column(ResultSet rs, String tableCollation) throws SQLException {
    String name = rs.getString(3);
    String dataType = rs.getString(6).toLowerCase(Locale.ROOT);
    String columnType = rs.getString(7);
    String extra = rs.getString(10) == null ? "" : rs.getString(10);
    String extraLower = extra.toLowerCase(Locale.ROOT);
    boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains(" unsigned");
    boolean zerofill = columnType.toLowerCase(Locale.ROOT).contains(" zerofill");
    String type = MysqlTypes.baseType(columnType, zerofill);
    String collation = rs.getString(9);
    boolean ownCollation = collation != null && !collation.equals(tableCollation);
    String generationExpr = rs.getString(12);
    Column.Generated generated = null;
    if (extraLower.contains("virtual generated") || extraLower.contains("stored generated")) {
      generated =
          new Column.Generated(
              generationExpr, extraLower.contains("stored") ? "STORED" : "VIRTUAL");
    }
    String onUpdate = null;
    int ou = extraLower.indexOf("on update ");
    if (ou >= 0) {
      onUpdate = MysqlTypes.canonicalExpr(extra.substring(ou + "on update ".length()).trim());
    }
    String dflt =
        generated == null
            ? normalizeDefault(rs.getString(4), dataType, extraLower.contains("default_generated"))
            : null;
    String comment = rs.getString(11);
    Attrs attrs =
        Attrs.of(
            "unsigned", unsigned ? "true" : null,
            "zerofill", zerofill ? "true" : null,
            "on_update", onUpdate,
            "invisible", extraLower.contains("invisible") ? "true" : null,
            "charset", ownCollation ? rs.getString(8) : null);
    return new Column(
        name,
        type,
        "YES".equals(rs.getString(5)),
        dflt,
        extraLower.contains("auto_increment"),
        generated,
        ownCollation ? collation : null,
        comment == null || comment.isEmpty() ? null : comment,
        attrs);
  }

  /** The default as a SQL expression, or null for none (and for DEFAULT NULL). */
  String normalizeDefault(String raw, String dataType, boolean generatedDefault) {
    if (raw == null) {
      return null;
    }
    if (server.mariadb()) {
      return raw.equals("NULL") ? null : MysqlTypes.canonicalExpr(raw);
    }
    if (generatedDefault) {
      return MysqlTypes.canonicalExpr(raw);
    }
    if (MysqlTypes.isTemporal(dataType)
        && raw.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP")) {
      return MysqlTypes.canonicalExpr(raw);
    }
    if (MysqlTypes.isNumeric(dataType) || (dataType.equals("bit") && raw.startsWith("b'"))) {
      return raw;
    }
    return MysqlTypes.quote(raw);
  }
}
