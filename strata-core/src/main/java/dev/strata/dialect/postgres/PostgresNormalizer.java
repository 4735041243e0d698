package dev.strata.dialect.postgres;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical spellings used only for comparison. Types: the base name is mapped through PostgreSQL's
 * alias table and modifiers and array brackets keep their place. Expressions: a single scan lower-
 * cases everything outside string literals, unquotes identifiers that need no quotes and collapses
 * whitespace; then casts on string literals are dropped, {@code now()} becomes {@code
 * current_timestamp}, spaces around punctuation go and redundant outer parentheses are removed.
 */
final class PostgresNormalizer {
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("int2", "smallint"),
          Map.entry("serial4", "integer"),
          Map.entry("bool", "boolean"),
          Map.entry("float8", "double precision"),
          Map.entry("float", "double precision"),
          Map.entry("float4", "real"),
          Map.entry("decimal", "numeric"),
          Map.entry("varchar", "character varying"),
          Map.entry("char", "character"),
          Map.entry("bpchar", "character"),
          Map.entry("varbit", "bit varying"),
          Map.entry("timestamp", "timestamp without time zone"),
          Map.entry("timestamptz", "timestamp with time zone"),
          Map.entry("time", "time without time zone"),
          Map.entry("timetz", "time with time zone"));

  private static final Pattern TYPE =
      Pattern.compile(
          "^(.*?)\\s*(\\([^)]*\\))?\\s*((?:with|without) time zone)?\\s*((?:\\[\\d*\\])*)$");

  private static final Pattern LITERAL_CAST =
      Pattern.compile(
          "('(?:[^']|'')*')::(?:\"[^\"]+\"|[a-z_][a-z0-9_.]*"
              + "(?: varying| precision| without time zone| with time zone)?)(?:\\([0-9, ]+\\))?(?:\\[\\])*");

  private PostgresNormalizer() {}

  static String type(String type) {
    if (type == null) {
      return "";
    }
    String t = type.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("\"", "");
    Matcher m = TYPE.matcher(t);
    if (!m.matches()) {
      return t;
    }
    String base = m.group(1).startsWith("pg_catalog.") ? m.group(1).substring(11) : m.group(1);
    String mods = m.group(2) == null ? "" : m.group(2).replace(" ", "");
    String zone = m.group(3);
    String arrays = m.group(4).replaceAll("\\d", "");
    if (zone != null && (base.equals("timestamp") || base.equals("time"))) {
      return base + mods + " " + zone + arrays;
    }
    String canonical = ALIASES.getOrDefault(base, base);
    if (canonical.equals("character") && mods.isEmpty()) {
      mods = "(1)";
    }
    if (canonical.endsWith(" time zone") && !mods.isEmpty()) {
      int sp = canonical.indexOf(' ');
      return canonical.substring(0, sp) + mods + canonical.substring(sp) + arrays;
    }
    return canonical + mods + arrays;
  }

  static String expr(String expr) {
    if (expr == null) {
      return null;
    }
    String e = scan(expr);
    e = LITERAL_CAST.matcher(e).replaceAll("$1");
    e = e.replace("now()", "current_timestamp");
    e = e.replaceAll(" ?([(),]) ?", "$1");
    return stripParens(e);
  }

  /** A whole statement or query body: whitespace and a trailing semicolon do not count. */
  static String body(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    while (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1).strip();
    }
    return t.replaceAll("\\s+", " ");
  }

  /** Lower-cases outside literals, unquotes plain identifiers, collapses whitespace. */
  private static String scan(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        while (end < s.length()) {
          if (s.charAt(end) == '\'' && end + 1 < s.length() && s.charAt(end + 1) == '\'') {
            end += 2;
          } else if (s.charAt(end) == '\'') {
            break;
          } else {
            end++;
          }
        }
        end = Math.min(end + 1, s.length());
        out.append(s, i, end);
        i = end;
      } else if (c == '"') {
        int end = s.indexOf('"', i + 1);
        end = end < 0 ? s.length() : end;
        String id = s.substring(i + 1, end);
        out.append(id.matches("[a-z_][a-z0-9_$]*") ? id : "\"" + id + "\"");
        i = Math.min(end + 1, s.length());
      } else if (Character.isWhitespace(c)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
        i++;
      } else {
        out.append(Character.toLowerCase(c));
        i++;
      }
    }
    return out.toString().strip();
  }

  private static String stripParens(String e) {
    while (e.startsWith("(") && e.endsWith(")") && closes(e) == e.length() - 1) {
      e = e.substring(1, e.length() - 1).strip();
    }
    return e;
  }

  /** Index of the parenthesis closing the one at 0, ignoring those in literals. */
  private static int closes(String e) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
