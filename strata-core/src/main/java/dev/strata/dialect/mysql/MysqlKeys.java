package dev.strata.dialect.mysql;

import dev.strata.dialect.mysql.MysqlInspector.Key;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads keys in bulk: index parts from {@code STATISTICS} (grouped into indexes in key order, the
 * {@code PRIMARY} one becoming the primary key), foreign keys from {@code KEY_COLUMN_USAGE} joined
 * with {@code REFERENTIAL_CONSTRAINTS} ({@code RESTRICT} and {@code NO ACTION}, the same thing in
 * InnoDB, both read as the default), and checks from {@code CHECK_CONSTRAINTS}. MariaDB's JSON
 * columns ({@code longtext} with a column-level {@code json_valid} check) are turned back into
 * {@code json} here.
 */
final class MysqlKeys {
  private final MysqlInspector in;
  private final List<String> names;
  private final String list;

  MysqlKeys(MysqlInspector in, List<String> names, String list) {
    this.in = in;
    this.names = names;
    this.list = list;
  }

  Map<Key, List<Index>> indexes(Map<Key, PrimaryKey> pks) throws SQLException {
    MysqlServer s = in.server;
    boolean expr = s.functionalIndexes();
    boolean visible = s.mysqlAtLeast(8, 0, 0);
    boolean ignored = s.mariaAtLeast(10, 6, 0);
    String sql =
        "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART,"
            + " COLLATION, INDEX_TYPE, INDEX_COMMENT, "
            + (expr ? "EXPRESSION" : "NULL")
            + ", "
            + (visible ? "IS_VISIBLE" : ignored ? "IF(IGNORED = 'YES', 'NO', 'YES')" : "'YES'")
            + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN "
            + list
            + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME,"
            + " SEQ_IN_INDEX";
    Map<Key, Map<String, List<IndexPart>>> parts = new LinkedHashMap<>();
    Map<Key, Map<String, Attrs>> attrs = new LinkedHashMap<>();
    Map<Key, Map<String, Boolean>> unique = new LinkedHashMap<>();
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        Key k = new Key(rs.getString(1), rs.getString(2));
        String name = rs.getString(3);
        String sub = rs.getString(6);
        String exprText = rs.getString(10);
        IndexPart part =
            new IndexPart(
                exprText == null ? rs.getString(5) : null,
                exprText,
                "D".equals(rs.getString(7)),
                Attrs.of("prefix", "SPATIAL".equalsIgnoreCase(rs.getString(8)) ? null : sub));
        parts
            .computeIfAbsent(k, x -> new LinkedHashMap<>())
            .computeIfAbsent(name, x -> new ArrayList<>())
            .add(part);
        unique.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(name, rs.getInt(4) == 0);
        String type = rs.getString(8) == null ? "" : rs.getString(8).toUpperCase(Locale.ROOT);
        String comment = rs.getString(9);
        attrs
            .computeIfAbsent(k, x -> new LinkedHashMap<>())
            .put(
                name,
                Attrs.of(
                    "index_type",
                    type.equals("FULLTEXT") || type.equals("SPATIAL") ? type : null,
                    "using",
                    type.equals("HASH") ? "HASH" : null,
                    "comment",
                    comment == null || comment.isEmpty() ? null : comment,
                    "invisible",
                    "NO".equals(rs.getString(11)) ? "true" : null));
      }
    }
    for (Map.Entry<Key, Map<String, Attrs>> e : attrs.entrySet()) {
      if (e.getValue().values().stream().anyMatch(a -> "FULLTEXT".equals(a.get("index_type")))) {
        Key k = e.getKey();
        String ddl = in.showCreate("TABLE", k.schema(), k.table());
        fulltextParsers(ddl)
            .forEach(
                (index, parser) -> {
                  Attrs a = e.getValue().get(index);
                  if (a != null) {
                    e.getValue().put(index, a.with("parser", parser));
                  }
                });
      }
    }
    Map<Key, List<Index>> out = new LinkedHashMap<>();
    for (Map.Entry<Key, Map<String, List<IndexPart>>> e : parts.entrySet()) {
      Key k = e.getKey();
      for (Map.Entry<String, List<IndexPart>> i : e.getValue().entrySet()) {
        if (i.getKey().equals("PRIMARY")) {
          pks.put(k, new PrimaryKey(null, i.getValue()));
        } else {
          out.computeIfAbsent(k, x -> new ArrayList<>())
              .add(
                  new Index(
                      i.getKey(),
                      unique.get(k).get(i.getKey()),
                      i.getValue(),
                      null,
                      attrs.get(k).get(i.getKey())));
        }
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern FULLTEXT_PARSER =
      java.util.regex.Pattern.compile(
          "^\\s*FULLTEXT\\s+(?:KEY|INDEX)\\s+`((?:[^`]|``)+)`\\s*"
              + "\\((?:`(?:[^`]|``)*`|\\(\\d+\\)|[^()`])*\\)\\s*"
              + "(?:KEY_BLOCK_SIZE=\\d+\\s*)?(?:/\\*!\\d+\\s*)?"
              + "WITH\\s+PARSER\\s+`?((?:[^`\\s*]|``)+)`?",
          java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.MULTILINE);

  /**
   * The full-text parser of each FULLTEXT index in a {@code SHOW CREATE TABLE} text, by index name.
   * MySQL writes {@code FULLTEXT KEY `ft` (`body`) /*!50100 WITH PARSER `ngram` *&#47;}, MariaDB
   * the clause without the version comment. The information schema does not have it, so tables with
   * FULLTEXT indexes (only those) cost one {@code SHOW CREATE TABLE} each.
   */
  static Map<String, String> fulltextParsers(String showCreateTable) {
    Map<String, String> out = new LinkedHashMap<>();
    if (showCreateTable == null) {
      return out;
    }
    java.util.regex.Matcher m = FULLTEXT_PARSER.matcher(showCreateTable);
    while (m.find()) {
      out.put(m.group(1).replace("``", "`"), m.group(2).replace("``", "`"));
    }
    return out;
  }

  Map<Key, List<ForeignKey>> foreignKeys() throws SQLException {
    // Two queries joined here: in one SQL join, MariaDB fills REFERENTIAL_CONSTRAINTS from every
    // table of every database on the server, whatever the WHERE clause says.
    Map<String, String[]> rules = new HashMap<>();
    try (ResultSet rs =
        in.query(
            "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE"
                + " FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN "
                + list,
            names)) {
      while (rs.next()) {
        rules.put(
            rs.getString(1) + '\0' + rs.getString(2) + '\0' + rs.getString(3),
            new String[] {rs.getString(4), rs.getString(5)});
      }
    }
    String sql =
        "SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME,"
            + " k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME"
            + " FROM information_schema.KEY_COLUMN_USAGE k"
            + " WHERE k.TABLE_SCHEMA IN "
            + list
            + " AND k.REFERENCED_TABLE_NAME IS NOT NULL"
            + " ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";
    Map<Key, Map<String, List<String[]>>> rows = new LinkedHashMap<>();
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        String[] rule =
            rules.get(rs.getString(1) + '\0' + rs.getString(2) + '\0' + rs.getString(3));
        if (rule == null) {
          continue;
        }
        Key k = new Key(rs.getString(1), rs.getString(2));
        rows.computeIfAbsent(k, x -> new LinkedHashMap<>())
            .computeIfAbsent(rs.getString(3), x -> new ArrayList<>())
            .add(
                new String[] {
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rule[0],
                  rule[1]
                });
      }
    }
    Map<Key, List<ForeignKey>> out = new LinkedHashMap<>();
    for (Map.Entry<Key, Map<String, List<String[]>>> e : rows.entrySet()) {
      for (Map.Entry<String, List<String[]>> fk : e.getValue().entrySet()) {
        List<String[]> r = fk.getValue();
        String[] first = r.get(0);
        String refSchema = first[1].equals(e.getKey().schema()) ? null : first[1];
        out.computeIfAbsent(e.getKey(), x -> new ArrayList<>())
            .add(
                new ForeignKey(
                    fk.getKey(),
                    r.stream().map(x -> x[0]).toList(),
                    refSchema,
                    first[2],
                    r.stream().map(x -> x[3]).toList(),
                    action(first[4]),
                    action(first[5]),
                    Attrs.EMPTY));
      }
    }
    return out;
  }

  private static String action(String rule) {
    return rule == null || rule.equals("RESTRICT") || rule.equals("NO ACTION") ? null : rule;
  }

  /** Checks per table; fixes MariaDB JSON columns in {@code cols} on the way. */
  Map<Key, List<Check>> checks(Map<Key, List<Column>> cols) throws SQLException {
    MysqlServer s = in.server;
    if (!s.checks()) {
      return Map.of();
    }
    String sql =
        s.mariadb()
            ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, "
                + (s.atLeast(10, 5, 10) ? "LEVEL" : "'Table'")
                + ", 'YES' FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN "
                + list
                + " ORDER BY 1, 2, 3"
            : "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.CONSTRAINT_NAME, c.CHECK_CLAUSE, 'Table',"
                + " t.ENFORCED FROM information_schema.TABLE_CONSTRAINTS t"
                + " JOIN information_schema.CHECK_CONSTRAINTS c"
                + " ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA"
                + " AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
                + " WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA IN "
                + list
                + " ORDER BY 1, 2, 3";
    Map<Key, List<Check>> out = new LinkedHashMap<>();
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        Key k = new Key(rs.getString(1), rs.getString(2));
        String name = rs.getString(3);
        String clause = rs.getString(4);
        boolean columnLevel = "Column".equalsIgnoreCase(rs.getString(5));
        if (columnLevel && clause.equals("json_valid(`" + name + "`)") && toJson(cols, k, name)) {
          continue;
        }
        out.computeIfAbsent(k, x -> new ArrayList<>())
            .add(
                new Check(
                    name,
                    clause,
                    Attrs.of(
                        "column_level", columnLevel ? "true" : null,
                        "enforced", "NO".equals(rs.getString(6)) ? "false" : null)));
      }
    }
    return out;
  }

  private static boolean toJson(Map<Key, List<Column>> cols, Key k, String column) {
    List<Column> list = cols.get(k);
    if (list == null) {
      return false;
    }
    for (int i = 0; i < list.size(); i++) {
      Column c = list.get(i);
      if (c.name().equals(column) && c.type().equals("longtext")) {
        list.set(
            i,
            new Column(
                c.name(),
                "json",
                c.nullable(),
                c.defaultExpr(),
                c.autoIncrement(),
                c.generated(),
                null,
                c.comment(),
                c.attrs().with("charset", null)));
        return true;
      }
    }
    return false;
  }
}
