package dev.strata.lint.rules;

import java.util.Locale;

/** Identifier quoting by dialect name for the few queries lint and impact estimation run. */
public final class SqlNames {
  private SqlNames() {}

  /** Whether the dialect quotes identifiers with backticks (MySQL, MariaDB). */
  public static boolean backticks(String dialect) {
    String d = dialect.toLowerCase(Locale.ROOT);
    return d.equals("mysql") || d.equals("maria") || d.equals("mariadb");
  }

  /** The quoted identifier, with the quote character doubled inside. */
  public static String quote(String dialect, String name) {
    String q = backticks(dialect) ? "`" : "\"";
    return q + name.replace(q, q + q) + q;
  }

  /** {@code "schema"."table"}, or just the table when the schema is null or empty. */
  public static String qualified(String dialect, String schema, String table) {
    return schema == null || schema.isEmpty()
        ? quote(dialect, table)
        : quote(dialect, schema) + "." + quote(dialect, table);
  }

  /** 1204 as "1,204". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "1 row" or "1,204 rows". */
  public static String rows(long n) {
    return count(n) + (n == 1 ? " row" : " rows");
  }
}
