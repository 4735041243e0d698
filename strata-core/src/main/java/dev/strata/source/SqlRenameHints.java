package dev.strata.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rename hints written as SQL comments in desired-state files, so that a rename keeps its data:
 * Strata's own {@code -- strata:renamed_from old} and sqldef's {@code -- @renamed from=old} (also
 * in {@code /* ... *&#47;} form). A hint on the {@code CREATE TABLE} line, or in the comment lines
 * right before the statement, renames the table; a hint on a column's line, or on a comment line
 * right before it, renames the column.
 *
 * <p>Algorithm: line by line over one statement's text (with the comments that precede it); the
 * table name is taken from {@code CREATE TABLE [IF NOT EXISTS] name}, a column name from the first
 * identifier of a definition line that is not a constraint keyword.
 */
final class SqlRenameHints {
  private SqlRenameHints() {}

  /** A hint: table {@code table} was {@code from}, or its column {@code column} was. */
  record Hint(String table, String column, String from) {}

  private static final Pattern HINT =
      Pattern.compile(
          "(?:strata:renamed_from\\s+|@renamed\\s+from\\s*=\\s*)"
              + "(\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*]|[^\\s*,;]+)");
  private static final String NAME = "(\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*]|[\\w$.]+)";
  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "(?i)\\bCREATE\\s+(?:TEMP(?:ORARY)?\\s+|UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
              + NAME);
  private static final Pattern COLUMN_START = Pattern.compile("^\\s*,?\\s*" + NAME);
  private static final java.util.Set<String> NOT_COLUMNS =
      java.util.Set.of(
          "constraint",
          "primary",
          "unique",
          "foreign",
          "check",
          "key",
          "index",
          "exclude",
          "fulltext",
          "spatial",
          "period",
          "like");

  /** The hints in one statement and the comment lines before it. */
  static List<Hint> parse(String text) {
    List<Hint> out = new ArrayList<>();
    Matcher ct = CREATE_TABLE.matcher(text);
    if (!ct.find()) {
      return out;
    }
    String table = unquote(lastPart(ct.group(1)));
    String[] lines = text.split("\n", -1);
    int createLine = lineOf(text, ct.start());
    String pending = null;
    boolean inBody = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher h = HINT.matcher(line);
      String hint = h.find() ? unquote(h.group(1)) : null;
      if (i < createLine) {
        if (hint != null) {
          out.add(new Hint(table, null, hint));
        }
        continue;
      }
      if (i == createLine) {
        if (hint != null) {
          out.add(new Hint(table, null, hint));
        }
        inBody = line.indexOf('(', ct.end() - lineStart(text, i)) >= 0;
        continue;
      }
      String code = stripComment(line);
      if (!inBody) {
        inBody = code.contains("(");
        if (hint != null) {
          out.add(new Hint(table, null, hint));
        }
        continue;
      }
      if (code.isBlank()) {
        if (hint != null) {
          pending = hint;
        }
        continue;
      }
      Matcher c = COLUMN_START.matcher(code);
      if (c.find() && !NOT_COLUMNS.contains(c.group(1).toLowerCase(java.util.Locale.ROOT))) {
        String from = hint != null ? hint : pending;
        if (from != null) {
          out.add(new Hint(table, unquote(c.group(1)), from));
        }
      }
      pending = null;
    }
    return out;
  }

  private static String stripComment(String line) {
    int dash = line.indexOf("--");
    String s = dash >= 0 ? line.substring(0, dash) : line;
    return s.replaceAll("/\\*.*?\\*/", " ");
  }

  private static int lineOf(String text, int offset) {
    int n = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static int lineStart(String text, int line) {
    int pos = 0;
    for (int i = 0; i < line; i++) {
      pos = text.indexOf('\n', pos) + 1;
    }
    return pos;
  }

  private static String lastPart(String qualified) {
    if (qualified.startsWith("\"") || qualified.startsWith("`") || qualified.startsWith("[")) {
      return qualified;
    }
    int dot = qualified.lastIndexOf('.');
    return dot >= 0 ? qualified.substring(dot + 1) : qualified;
  }

  static String unquote(String name) {
    if (name.length() >= 2) {
      char f = name.charAt(0);
      char l = name.charAt(name.length() - 1);
      if ((f == '"' && l == '"') || (f == '`' && l == '`')) {
        return name.substring(1, name.length() - 1).replace("" + f + f, "" + f);
      }
      if (f == '[' && l == ']') {
        return name.substring(1, name.length() - 1);
      }
    }
    return name;
  }
}
