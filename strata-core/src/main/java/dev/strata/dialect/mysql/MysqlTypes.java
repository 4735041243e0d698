package dev.strata.dialect.mysql;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL type and literal spellings: the canonical form of a column type ({@code INTEGER(11)} and
 * {@code int} are {@code int}; {@code bool} is {@code tinyint(1)}), of time-function defaults
 * ({@code current_timestamp()} and {@code now()} are {@code CURRENT_TIMESTAMP}) and string quoting.
 */
public final class MysqlTypes {
  private static final Set<String> INTEGERS =
      Set.of("tinyint", "smallint", "mediumint", "int", "bigint");
  private static final Set<String> NUMERIC =
      Set.of(
          "tinyint",
          "smallint",
          "mediumint",
          "int",
          "bigint",
          "decimal",
          "float",
          "double",
          "real",
          "numeric",
          "year");
  private static final Set<String> TEMPORAL = Set.of("timestamp", "datetime", "date", "time");
  private static final Map<String, String> ALIASES =
      Map.of(
          "integer", "int",
          "bool", "tinyint(1)",
          "boolean", "tinyint(1)",
          "dec", "decimal",
          "numeric", "decimal",
          "fixed", "decimal",
          "real", "double",
          "double precision", "double",
          "int4", "int",
          "int8", "bigint");
  private static final Pattern NAME_ARGS =
      Pattern.compile("^([a-zA-Z ]+?)\\s*(\\(.*\\))?((?:\\s+[a-zA-Z]+)*)$", Pattern.DOTALL);
  private static final Pattern CURRENT_TS =
      Pattern.compile(
          "(?i)^(?:current_timestamp|now|localtime|localtimestamp)\\s*(?:\\(\\s*(\\d*)\\s*\\))?$");

  private MysqlTypes() {}

  /**
   * The canonical type text: lower-case name with its parameters (enum values keep their case),
   * without unsigned/zerofill (attributes) and without integer display width unless {@code
   * keepWidth} (zerofill) or it is {@code tinyint(1)}.
   */
  public static String baseType(String columnType, boolean keepWidth) {
    if (columnType == null) {
      return "";
    }
    Matcher m = NAME_ARGS.matcher(columnType.trim());
    if (!m.matches()) {
      return columnType.trim();
    }
    String name = m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    String args = m.group(2) == null ? "" : m.group(2).replaceAll("\\s*,\\s*", ",");
    if (ALIASES.containsKey(name) && (args.isEmpty() || !ALIASES.get(name).contains("("))) {
      name = ALIASES.get(name);
    }
    if (name.startsWith("tinyint(1)")) {
      return "tinyint(1)";
    }
    if (INTEGERS.contains(name) && !keepWidth && !(name.equals("tinyint") && args.equals("(1)"))) {
      args = "";
    }
    if (name.equals("decimal") && args.isEmpty()) {
      args = "(10,0)";
    } else if (name.equals("decimal") && args.matches("\\(\\d+\\)")) {
      args = args.substring(0, args.length() - 1) + ",0)";
    }
    if (name.equals("bit") && args.equals("(1)")) {
      args = "";
    }
    return name + args;
  }

  /** Whether a type text declares unsigned or zerofill in the text itself. */
  public static boolean hasModifier(String type, String modifier) {
    return type != null && type.toLowerCase(Locale.ROOT).matches(".*\\b" + modifier + "\\b.*");
  }

  /** Canonical spelling of an expression used as a default or ON UPDATE value. */
  public static String canonicalExpr(String expr) {
    if (expr == null) {
      return null;
    }
    String t = expr.trim();
    Matcher m = CURRENT_TS.matcher(t);
    if (m.matches()) {
      String fsp = m.group(1);
      return fsp == null || fsp.isEmpty() || fsp.equals("0")
          ? "CURRENT_TIMESTAMP"
          : "CURRENT_TIMESTAMP(" + fsp + ")";
    }
    return t;
  }

  /** The name part of a type text: "varchar(40)" gives "varchar". */
  public static String typeName(String type) {
    String t = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    int p = t.indexOf('(');
    String name = (p < 0 ? t : t.substring(0, p)).trim();
    int sp = name.indexOf(' ');
    return sp < 0 ? name : name.substring(0, sp);
  }

  public static boolean isNumeric(String dataType) {
    return NUMERIC.contains(typeName(dataType));
  }

  public static boolean isTemporal(String dataType) {
    return TEMPORAL.contains(typeName(dataType));
  }

  /** Whether a type has character data (and so a charset and collation). */
  public static boolean isText(String type) {
    String n = typeName(type);
    return n.contains("char") || n.contains("text") || n.equals("enum") || n.equals("set");
  }

  /** A SQL string literal: single quotes doubled, backslashes escaped. */
  public static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
