package dev.strata.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps desired SQL inside the dev database. The dev database is a scratch database on a real
 * server (by default the target's), so a statement naming another database ({@code CREATE TABLE
 * app.t}, {@code CREATE DATABASE x}, {@code USE x}) would change that database while Strata only
 * loads the desired state: even a {@code --dry-run} would. Before any desired statement runs, each
 * is scanned (outside strings and comments): a name qualified with the target's own database is
 * pointed at the dev database instead; any other database qualifier, and statements that create,
 * drop or switch databases or alter another one, are refused ({@code ALTER DATABASE} of the target,
 * or without a name, changes the dev database).
 *
 * <p>A qualifier is a database name when the name has three parts ({@code db.t.col}) or stands
 * where an object name goes: after {@code TABLE}, {@code VIEW}, {@code TRIGGER}, {@code FUNCTION},
 * {@code PROCEDURE}, {@code EVENT}, {@code EXISTS}, {@code LIKE}, {@code REFERENCES}, {@code INTO},
 * {@code FROM}, {@code JOIN}, {@code UPDATE}, {@code TO}, {@code CALL} (or a comma after {@code
 * FROM}/{@code TABLE}), or after {@code ON} when a column list or {@code FOR} follows ({@code
 * CREATE INDEX i ON db.t (...)}, triggers); {@code ON a.x = b.y} of a join is a column reference.
 */
final class MysqlDevGuard {
  private static final Set<String> OBJECT_POSITION =
      Set.of(
          "TABLE",
          "VIEW",
          "TRIGGER",
          "FUNCTION",
          "PROCEDURE",
          "EVENT",
          "EXISTS",
          "LIKE",
          "REFERENCES",
          "INTO",
          "FROM",
          "JOIN",
          "UPDATE",
          "TO",
          "CALL");

  /** Words that may follow {@code ALTER DATABASE} when it names no database. */
  private static final Set<String> ALTER_OPTIONS =
      Set.of("DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "COMMENT", "READ", "ENCRYPTION");

  private MysqlDevGuard() {}

  /** Thrown for a statement that would reach outside the dev database. */
  static final class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message);
    }
  }

  private record Token(String text, int start, int end, boolean ident, boolean quoted) {
    String name() {
      return quoted ? text.substring(1, text.length() - 1).replace("``", "`") : text;
    }

    String upper() {
      return ident && !quoted ? text.toUpperCase(Locale.ROOT) : "";
    }
  }

  /**
   * The statement to run on the dev database {@code dev}: {@code sql} with {@code target.}
   * qualifiers pointed at {@code dev}; refused when it names another database or changes databases.
   * {@code target} is null for a server URL.
   */
  static String check(String sql, String dev, String target) {
    List<Token> t = tokens(sql);
    if (t.isEmpty()) {
      return sql;
    }
    String first = t.get(0).upper();
    String second = t.size() > 1 ? t.get(1).upper() : "";
    if (first.equals("ALTER") && Set.of("DATABASE", "SCHEMA").contains(second)) {
      // ALTER DATABASE [name] options: the dev database's own options may change
      Token n = t.size() > 2 ? t.get(2) : null;
      if (n == null || !n.ident() || (!n.quoted() && ALTER_OPTIONS.contains(n.upper()))) {
        return sql;
      }
      if (n.name().equalsIgnoreCase(dev)) {
        return sql;
      }
      if (target != null && n.name().equalsIgnoreCase(target)) {
        return new StringBuilder(sql).replace(n.start(), n.end(), MysqlDdl.quote(dev)).toString();
      }
    }
    if (first.equals("USE")
        || (Set.of("CREATE", "DROP", "ALTER").contains(first)
            && Set.of("DATABASE", "SCHEMA").contains(second))) {
      throw new Refused(
          "the desired state must not create, alter, drop or switch databases ("
              + first
              + " "
              + (first.equals("USE") ? "" : second + " ")
              + "...): it runs on a temporary dev database on a real server; name the target"
              + " database in the URL (one database per apply) and leave it out of the desired"
              + " state");
    }
    StringBuilder out = new StringBuilder(sql);
    List<Token> rewrite = new ArrayList<>();
    String lastKeyword = "";
    for (int i = 0; i < t.size(); i++) {
      Token a = t.get(i);
      if (a.ident() && !a.quoted() && OBJECT_POSITION.contains(a.upper())) {
        lastKeyword = a.upper();
      }
      if (!a.ident() || !dot(t, i + 1) || i + 2 >= t.size() || !t.get(i + 2).ident()) {
        continue;
      }
      if (i > 0 && dot(t, i - 1)) {
        continue; // the middle or last part of a longer name
      }
      boolean threeParts = dot(t, i + 3) && i + 4 < t.size() && t.get(i + 4).ident();
      String prev = i > 0 ? t.get(i - 1).upper() : "";
      boolean comma = i > 0 && t.get(i - 1).text().equals(",");
      String after = i + 3 < t.size() ? t.get(i + 3).text() : "";
      boolean objectName =
          threeParts
              || OBJECT_POSITION.contains(prev)
              || (comma && Set.of("FROM", "TABLE").contains(lastKeyword))
              || (prev.equals("ON")
                  && (after.equals("(") || after.equalsIgnoreCase("FOR") || after.isEmpty()));
      if (!objectName) {
        continue;
      }
      String db = a.name();
      if (db.equalsIgnoreCase(dev)) {
        continue;
      }
      if (target != null && db.equalsIgnoreCase(target)) {
        rewrite.add(a);
        continue;
      }
      throw new Refused(
          "the desired state may only name "
              + (target == null
                  ? "the dev database (the URL names no database; give one)"
                  : "its own database (" + target + ", or no qualifier)")
              + ", but this statement names database `"
              + db
              + "`: it runs on a temporary dev database on a real server, where a qualified name"
              + " would change that database");
    }
    for (int i = rewrite.size() - 1; i >= 0; i--) {
      Token a = rewrite.get(i);
      out.replace(a.start(), a.end(), MysqlDdl.quote(dev));
    }
    return out.toString();
  }

  private static boolean dot(List<Token> t, int i) {
    return i >= 0 && i < t.size() && t.get(i).text().equals(".");
  }

  /** Identifiers, backquoted names and single punctuation; strings and comments are skipped. */
  private static List<Token> tokens(String sql) {
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i)) || sql.startsWith("--\n", i)) {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*!", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '/' && sql.startsWith("/*!", i)) {
        i += 3; // MySQL executable comment: its content runs, so it is scanned
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '\\') {
            j += 2;
          } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
            j += 2;
          } else if (d == c) {
            break;
          } else {
            j++;
          }
        }
        i = Math.min(n, j + 1);
        out.add(new Token("''", i, i, false, false));
      } else if (c == '`') {
        int j = i + 1;
        while (j < n && (sql.charAt(j) != '`' || (j + 1 < n && sql.charAt(j + 1) == '`'))) {
          j += sql.charAt(j) == '`' ? 2 : 1;
        }
        int end = Math.min(n, j + 1);
        out.add(new Token(sql.substring(i, end), i, end, true, true));
        i = end;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(sql.charAt(j))
                || sql.charAt(j) == '_'
                || sql.charAt(j) == '$')) {
          j++;
        }
        String word = sql.substring(i, j);
        boolean number = Character.isDigit(c) && word.chars().allMatch(Character::isDigit);
        out.add(new Token(word, i, j, !number, false));
        i = j;
      } else {
        out.add(new Token(String.valueOf(c), i, i + 1, false, false));
        i++;
      }
    }
    return out;
  }
}
