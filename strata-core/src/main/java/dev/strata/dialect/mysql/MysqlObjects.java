package dev.strata.dialect.mysql;

import static dev.strata.dialect.mysql.MysqlDdl.quote;

import dev.strata.model.Attrs;
import dev.strata.model.SchemaObject;
import dev.strata.model.SchemaObject.Routine;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads views, triggers, functions, procedures and events in bulk, one query per kind. Triggers,
 * routines and events are stored as the {@code CREATE} statement rebuilt from the catalog columns
 * (without {@code DEFINER}, which depends on who applied them); events are {@link Routine}s with
 * attribute {@code kind=event} (the model has no event type), and a recurring event's {@code
 * STARTS} is kept only when it lies in the future, since its default is the creation time.
 */
final class MysqlObjects {
  private final MysqlInspector in;
  private final List<String> names;
  private final String list;

  MysqlObjects(MysqlInspector in, List<String> names, String list) {
    this.in = in;
    this.names = names;
    this.list = list;
  }

  /**
   * Views with their {@code check_option}, {@code security} (INVOKER), {@code algorithm} and {@code
   * definer} attributes; each is recorded only when it is not the server's default. The definer
   * counts as default when it is the inspecting account ({@code CURRENT_USER()}), which a view
   * created without {@code DEFINER} gets. MariaDB lists the algorithm in {@code
   * information_schema.VIEWS}; MySQL does not, so on MySQL it is read from {@code SHOW CREATE VIEW}
   * (one query per view).
   */
  Map<String, List<View>> views() throws SQLException {
    boolean algorithm = in.server.mariadb();
    String sql =
        "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, "
            + (algorithm ? "ALGORITHM" : "'UNDEFINED'")
            + ", DEFINER, CURRENT_USER() FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN "
            + list
            + " ORDER BY TABLE_SCHEMA, TABLE_NAME";
    Map<String, List<View>> out = new LinkedHashMap<>();
    List<String[]> showCreate = new ArrayList<>();
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        String schema = rs.getString(1);
        if (in.excluded(schema, rs.getString(2))) {
          continue;
        }
        String def = unqualify(rs.getString(3), schema);
        String check = rs.getString(4);
        String security = rs.getString(5);
        String alg = rs.getString(6);
        String definer = rs.getString(7);
        boolean ownDefiner = definer == null || definer.equalsIgnoreCase(rs.getString(8));
        out.computeIfAbsent(schema, x -> new ArrayList<>())
            .add(
                new View(
                    rs.getString(2),
                    def,
                    null,
                    Attrs.of(
                        "check_option", "NONE".equals(check) ? null : check,
                        "security", "INVOKER".equals(security) ? "INVOKER" : null,
                        "algorithm", "UNDEFINED".equals(alg) ? null : alg,
                        "definer", ownDefiner ? null : definer)));
        if (!algorithm) {
          showCreate.add(new String[] {schema, rs.getString(2)});
        }
      }
    }
    for (String[] v : showCreate) {
      String alg = algorithmOf(in.showCreate("VIEW", v[0], v[1]));
      if (alg != null) {
        List<View> views = out.get(v[0]);
        for (int i = 0; i < views.size(); i++) {
          View old = views.get(i);
          if (old.name().equals(v[1])) {
            views.set(
                i,
                new View(
                    old.name(),
                    old.definition(),
                    old.comment(),
                    old.attrs().with("algorithm", alg)));
          }
        }
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern ALGORITHM =
      java.util.regex.Pattern.compile(
          "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?ALGORITHM\\s*=\\s*(\\w+)",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * The algorithm of a view from its {@code SHOW CREATE VIEW} text ({@code CREATE ALGORITHM=MERGE
   * DEFINER=... VIEW ...}); null when UNDEFINED or absent.
   */
  static String algorithmOf(String showCreateView) {
    if (showCreateView == null) {
      return null;
    }
    java.util.regex.Matcher m = ALGORITHM.matcher(showCreateView);
    if (!m.find()) {
      return null;
    }
    String alg = m.group(1).toUpperCase(java.util.Locale.ROOT);
    return alg.equals("UNDEFINED") ? null : alg;
  }

  /** Removes the {@code `schema`.} qualifier the server adds to every name in a view body. */
  static String unqualify(String def, String schema) {
    return def == null ? null : def.replace(quote(schema) + ".", "");
  }

  Map<String, List<Trigger>> triggers() throws SQLException {
    String sql =
        "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING,"
            + " EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS"
            + " WHERE TRIGGER_SCHEMA IN "
            + list
            + " ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION,"
            + " ACTION_ORDER";
    Map<String, List<Trigger>> out = new LinkedHashMap<>();
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String table = rs.getString(3);
        if (in.excluded(schema, table) || in.excluded(schema, rs.getString(2))) {
          continue;
        }
        String def =
            "CREATE TRIGGER "
                + quote(rs.getString(2))
                + " "
                + rs.getString(4)
                + " "
                + rs.getString(5)
                + " ON "
                + quote(table)
                + " FOR EACH ROW "
                + unqualify(rs.getString(6), schema);
        out.computeIfAbsent(schema, x -> new ArrayList<>())
            .add(new Trigger(rs.getString(2), table, def, Attrs.EMPTY));
      }
    }
    return out;
  }

  Map<String, List<SchemaObject>> routines() throws SQLException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    Map<String, String> returns = new LinkedHashMap<>();
    String psql =
        "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION, PARAMETER_MODE,"
            + " PARAMETER_NAME, DTD_IDENTIFIER FROM information_schema.PARAMETERS"
            + " WHERE SPECIFIC_SCHEMA IN "
            + list
            + " ORDER BY 1, 2, 3, 4";
    try (ResultSet rs = in.query(psql, names)) {
      while (rs.next()) {
        String key = rs.getString(1) + "." + rs.getString(3) + "." + rs.getString(2);
        if (rs.getInt(4) == 0) {
          returns.put(key, rs.getString(7));
          continue;
        }
        String mode = rs.getString(3).equals("PROCEDURE") ? rs.getString(5) + " " : "";
        params
            .computeIfAbsent(key, x -> new ArrayList<>())
            .add(mode + quote(rs.getString(6)) + " " + rs.getString(7));
      }
    }
    String sql =
        "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION, IS_DETERMINISTIC,"
            + " SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT FROM information_schema.ROUTINES"
            + " WHERE ROUTINE_SCHEMA IN "
            + list
            + " ORDER BY 1, 3, 2";
    Map<String, List<SchemaObject>> out = new LinkedHashMap<>();
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = rs.getString(2);
        String type = rs.getString(3);
        if (in.excluded(schema, name)) {
          continue;
        }
        String key = schema + "." + type + "." + name;
        StringBuilder def =
            new StringBuilder("CREATE ").append(type).append(' ').append(quote(name));
        def.append('(').append(String.join(", ", params.getOrDefault(key, List.of()))).append(')');
        if (returns.containsKey(key)) {
          def.append(" RETURNS ").append(returns.get(key));
        }
        def.append("\n");
        if ("YES".equals(rs.getString(5))) {
          def.append("DETERMINISTIC\n");
        }
        if (!"CONTAINS SQL".equals(rs.getString(6))) {
          def.append(rs.getString(6)).append('\n');
        }
        if ("INVOKER".equals(rs.getString(7))) {
          def.append("SQL SECURITY INVOKER\n");
        }
        String comment = rs.getString(8);
        if (comment != null && !comment.isEmpty()) {
          def.append("COMMENT ").append(MysqlTypes.quote(comment)).append('\n');
        }
        def.append(rs.getString(4));
        out.computeIfAbsent(schema, x -> new ArrayList<>())
            .add(new Routine(name, type.equals("PROCEDURE"), def.toString(), Attrs.EMPTY));
      }
    }
    events(out);
    return out;
  }

  private void events(Map<String, List<SchemaObject>> out) throws SQLException {
    String sql =
        "SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT,"
            + " INTERVAL_VALUE, INTERVAL_FIELD, STARTS, ENDS, STATUS, ON_COMPLETION, EVENT_COMMENT"
            + " FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN "
            + list
            + " ORDER BY 1, 2";
    try (ResultSet rs = in.query(sql, names)) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = rs.getString(2);
        if (in.excluded(schema, name)) {
          continue;
        }
        StringBuilder def = new StringBuilder("CREATE EVENT ").append(quote(name));
        def.append("\nON SCHEDULE ");
        if ("ONE TIME".equals(rs.getString(4))) {
          def.append("AT '").append(rs.getString(5)).append('\'');
        } else {
          def.append("EVERY ").append(interval(rs.getString(6))).append(' ');
          def.append(rs.getString(7).replace(' ', '_'));
          Timestamp starts = rs.getTimestamp(8);
          if (starts != null && starts.getTime() > System.currentTimeMillis()) {
            def.append(" STARTS '").append(rs.getString(8)).append('\'');
          }
          if (rs.getString(9) != null) {
            def.append(" ENDS '").append(rs.getString(9)).append('\'');
          }
        }
        def.append("\nON COMPLETION ").append(rs.getString(11));
        String status = rs.getString(10);
        def.append('\n')
            .append(
                status.equals("ENABLED")
                    ? "ENABLE"
                    : status.equals("DISABLED") ? "DISABLE" : "DISABLE ON SLAVE");
        String comment = rs.getString(12);
        if (comment != null && !comment.isEmpty()) {
          def.append("\nCOMMENT ").append(MysqlTypes.quote(comment));
        }
        def.append("\nDO ").append(rs.getString(3));
        out.computeIfAbsent(schema, x -> new ArrayList<>())
            .add(new Routine(name, false, def.toString(), Attrs.of("kind", "event")));
      }
    }
  }

  private static String interval(String value) {
    if (value == null) {
      return "1";
    }
    return value.matches("-?\\d+") ? value : MysqlTypes.quote(value.replace("'", ""));
  }
}
