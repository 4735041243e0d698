package dev.strata.dialect.postgres;

import java.util.Locale;
import java.util.Set;

/** Quoting and naming helpers for PostgreSQL SQL text: identifiers, qualified names, literals. */
final class PostgresSql {
  /** Reserved key words that must be quoted as identifiers (PostgreSQL appendix C, "reserved"). */
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "authorization",
          "binary",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "collation",
          "column",
          "concurrently",
          "constraint",
          "create",
          "cross",
          "current_catalog",
          "current_date",
          "current_role",
          "current_schema",
          "current_time",
          "current_timestamp",
          "current_user",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "false",
          "fetch",
          "for",
          "foreign",
          "freeze",
          "from",
          "full",
          "grant",
          "group",
          "having",
          "ilike",
          "in",
          "initially",
          "inner",
          "intersect",
          "into",
          "is",
          "isnull",
          "join",
          "lateral",
          "leading",
          "left",
          "like",
          "limit",
          "localtime",
          "localtimestamp",
          "natural",
          "not",
          "notnull",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "outer",
          "overlaps",
          "placing",
          "primary",
          "references",
          "returning",
          "right",
          "select",
          "session_user",
          "similar",
          "some",
          "symmetric",
          "system_user",
          "table",
          "tablesample",
          "then",
          "to",
          "trailing",
          "true",
          "union",
          "unique",
          "user",
          "using",
          "variadic",
          "verbose",
          "when",
          "where",
          "window",
          "with");

  private PostgresSql() {}

  /** An identifier quoted the way {@code quote_ident} would: only when it needs it. */
  static String ident(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.name}, each part quoted when needed. */
  static String qualified(String schema, String name) {
    return schema == null ? ident(name) : ident(schema) + "." + ident(name);
  }

  /** A string literal. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** Identifiers joined by ", ". */
  static String idents(java.util.List<String> names) {
    return String.join(", ", names.stream().map(PostgresSql::ident).toList());
  }

  /** PostgreSQL truncates identifiers to 63 bytes; names Strata generates follow the same rule. */
  static String truncate(String name) {
    return name.length() <= 63 ? name : name.substring(0, 63);
  }

  /** Lower-case ASCII without locale surprises. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code text} mentions {@code name} as a whole word (quoted or not). */
  static boolean mentions(String text, String name) {
    if (text == null || name == null || name.isEmpty()) {
      return false;
    }
    String t = lower(text);
    String n = lower(name);
    int at = t.indexOf(n);
    while (at >= 0) {
      boolean startOk = at == 0 || !isWordChar(t.charAt(at - 1));
      int end = at + n.length();
      boolean endOk = end >= t.length() || !isWordChar(t.charAt(end));
      if (startOk && endOk) {
        return true;
      }
      at = t.indexOf(n, at + 1);
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
