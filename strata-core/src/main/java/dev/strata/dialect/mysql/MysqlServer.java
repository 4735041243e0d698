package dev.strata.dialect.mysql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flavour (MySQL or MariaDB) and version of a server, detected on connect from {@code
 * VERSION()}; the planner asks it which online DDL algorithms and syntax the server supports.
 */
public record MysqlServer(boolean mariadb, int major, int minor, int patch) {
  /** What the planner assumes when nothing is known: plain SQL without algorithm clauses. */
  public static final MysqlServer UNKNOWN = new MysqlServer(false, 0, 0, 0);

  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** Parses {@code VERSION()} output such as {@code 8.0.36} or {@code 10.11.6-MariaDB-1}. */
  public static MysqlServer parse(String version) {
    if (version == null) {
      return UNKNOWN;
    }
    Matcher m = VERSION.matcher(version.trim());
    if (!m.find()) {
      return UNKNOWN;
    }
    boolean maria = version.toLowerCase(Locale.ROOT).contains("mariadb");
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new MysqlServer(
        maria, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch);
  }

  /** The inverse of {@link #parse} for the schema attribute {@code server}: "mariadb 10.11.6". */
  public String describe() {
    return (mariadb ? "mariadb " : "mysql ") + major + "." + minor + "." + patch;
  }

  /** Parses {@link #describe()} output; unknown text gives {@link #UNKNOWN}. */
  public static MysqlServer fromDescription(String text) {
    if (text == null || !text.contains(" ")) {
      return UNKNOWN;
    }
    String[] p = text.split(" ", 2);
    MysqlServer v = parse(p[1]);
    return new MysqlServer(p[0].equals("mariadb"), v.major, v.minor, v.patch);
  }

  public boolean known() {
    return major > 0;
  }

  /** True when the server is at least the given version (of its own flavour's numbering). */
  public boolean atLeast(int maj, int min, int pat) {
    if (major != maj) {
      return major > maj;
    }
    if (minor != min) {
      return minor > min;
    }
    return patch >= pat;
  }

  /** MySQL 8.0.x (x = {@code pat}) or later; false on MariaDB. */
  public boolean mysqlAtLeast(int maj, int min, int pat) {
    return known() && !mariadb && atLeast(maj, min, pat);
  }

  /** MariaDB at least the given version; false on MySQL. */
  public boolean mariaAtLeast(int maj, int min, int pat) {
    return known() && mariadb && atLeast(maj, min, pat);
  }

  /** Whether {@code ALGORITHM=INSTANT} exists at all. */
  public boolean instantDdl() {
    return mysqlAtLeast(8, 0, 12) || mariaAtLeast(10, 3, 2);
  }

  /** Whether an instant ADD COLUMN may go anywhere, not only last. */
  public boolean instantAddAnywhere() {
    return mysqlAtLeast(8, 0, 29) || mariaAtLeast(10, 4, 0);
  }

  /** Whether an instant DROP COLUMN exists. */
  public boolean instantDropColumn() {
    return mysqlAtLeast(8, 0, 29) || mariaAtLeast(10, 4, 0);
  }

  /**
   * Whether moving a column ({@code MODIFY ... FIRST/AFTER}) is instant: MariaDB 10.4+; MySQL 8
   * rebuilds the table in place.
   */
  public boolean instantReorder() {
    return mariaAtLeast(10, 4, 0);
  }

  /** Whether renaming a column is instant (a metadata change): MySQL 8.0.28+, MariaDB 10.3+. */
  public boolean instantRename() {
    return mysqlAtLeast(8, 0, 28) || mariaAtLeast(10, 3, 0);
  }

  /** Whether {@code RENAME COLUMN} exists. */
  public boolean renameColumn() {
    return mysqlAtLeast(8, 0, 0) || mariaAtLeast(10, 5, 2);
  }

  /** Whether CHECK constraints are enforced (and therefore inspected). */
  public boolean checks() {
    return mysqlAtLeast(8, 0, 16) || mariaAtLeast(10, 2, 1);
  }

  /** Whether index parts may be expressions: {@code INDEX ((lower(name)))}. */
  public boolean functionalIndexes() {
    return mysqlAtLeast(8, 0, 13);
  }

  /** Whether {@code ALTER TABLE ... RENAME INDEX} exists. */
  public boolean renameIndex() {
    return mysqlAtLeast(5, 7, 0) || mariaAtLeast(10, 5, 2);
  }
}
