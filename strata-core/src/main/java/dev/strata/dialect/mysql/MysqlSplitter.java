package dev.strata.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a MySQL script into statements the way the {@code mysql} client does, plus compound bodies
 * written without {@code DELIMITER}.
 *
 * <p>Algorithm: one left-to-right scan. Quoted text ({@code '...'}, {@code "..."}, {@code `...`},
 * with doubled quotes and backslash escapes) and comments ({@code -- }, {@code #}, {@code /* *}
 * {@code /}) never end a statement; comment-only statements are dropped. A {@code DELIMITER x} line
 * at the start of a statement changes the terminator. With the default {@code ;} terminator, a
 * {@code CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT} statement enters block mode at its first {@code
 * BEGIN}: from there on {@code BEGIN}, {@code CASE}, {@code IF}, {@code LOOP}, {@code WHILE} and
 * {@code REPEAT} open a block and {@code END} closes one ({@code IF(}, {@code REPEAT(} and {@code
 * IF [NOT] EXISTS} are functions or clauses, not blocks), and {@code ;} ends the statement only at
 * depth zero.
 */
final class MysqlSplitter {
  private static final Set<String> OPENERS =
      Set.of("BEGIN", "CASE", "IF", "LOOP", "WHILE", "REPEAT");
  private static final Set<String> ROUTINES = Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");

  private final String s;
  private final List<String> out = new ArrayList<>();
  private String delimiter = ";";
  private int start;
  private boolean content;
  private int depth;
  private boolean blockMode;
  private boolean routine;
  private int words;

  private MysqlSplitter(String script) {
    this.s = script;
  }

  static List<String> split(String script) {
    MysqlSplitter sp = new MysqlSplitter(script == null ? "" : script);
    sp.run();
    return sp.out;
  }

  private void run() {
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (!content && isDelimiterCommand(i)) {
        int eol = s.indexOf('\n', i);
        eol = eol < 0 ? n : eol;
        String d = s.substring(i + "DELIMITER".length(), eol).trim();
        delimiter = d.isEmpty() ? ";" : d;
        i = eol;
        start = i;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(i, c);
        content = true;
      } else if (c == '#'
          || (c == '-' && s.startsWith("--", i) && (i + 2 >= n || isSpace(s.charAt(i + 2))))) {
        int eol = s.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '/' && s.startsWith("/*", i)) {
        boolean executable = s.startsWith("/*!", i);
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        content |= executable;
      } else if (s.startsWith(delimiter, i) && (!delimiter.equals(";") || depth == 0)) {
        emit(i);
        i += delimiter.length();
        start = i;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == '$')) {
          j++;
        }
        word(s.substring(i, j).toUpperCase(Locale.ROOT), i, j);
        content = true;
        i = j;
      } else {
        content |= !isSpace(c);
        i++;
      }
    }
    emit(n);
  }

  private void word(String w, int at, int after) {
    words++;
    if (words <= 6 && ROUTINES.contains(w)) {
      routine = true;
    }
    if (!delimiter.equals(";") || !routine) {
      return;
    }
    if (!blockMode && w.equals("BEGIN")) {
      blockMode = true;
    }
    if (!blockMode) {
      return;
    }
    if (w.equals("END")) {
      depth = Math.max(0, depth - 1);
      String next = nextWord(after);
      if (Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT").contains(next)) {
        skipNextWord = true;
      }
    } else if (skipNextWord) {
      skipNextWord = false;
    } else if (OPENERS.contains(w) && opens(w, at, after)) {
      depth++;
    }
  }

  private boolean skipNextWord;

  private boolean opens(String w, int at, int after) {
    int k = after;
    while (k < s.length() && isSpace(s.charAt(k))) {
      k++;
    }
    if (k < s.length() && s.charAt(k) == '(' && (w.equals("IF") || w.equals("REPEAT"))) {
      return startsStatement(at);
    }
    if (w.equals("IF")) {
      String next = nextWord(after);
      return !next.equals("EXISTS") && !next.equals("NOT");
    }
    return true;
  }

  /** Whether the word at {@code at} begins a statement inside a block (IF (x) THEN, not IF(x)). */
  private boolean startsStatement(int at) {
    int k = at - 1;
    while (k >= 0 && isSpace(s.charAt(k))) {
      k--;
    }
    if (k < 0 || s.charAt(k) == ';') {
      return true;
    }
    int end = k + 1;
    while (k >= 0 && Character.isLetter(s.charAt(k))) {
      k--;
    }
    String prev = s.substring(k + 1, end).toUpperCase(Locale.ROOT);
    return Set.of("BEGIN", "THEN", "ELSE", "DO", "LOOP", "REPEAT").contains(prev);
  }

  private String nextWord(int from) {
    int k = from;
    while (k < s.length() && isSpace(s.charAt(k))) {
      k++;
    }
    int j = k;
    while (j < s.length() && Character.isLetter(s.charAt(j))) {
      j++;
    }
    return s.substring(k, j).toUpperCase(Locale.ROOT);
  }

  private boolean isDelimiterCommand(int i) {
    if (!s.regionMatches(true, i, "DELIMITER", 0, 9)) {
      return false;
    }
    boolean lineStart = i == 0 || s.charAt(i - 1) == '\n' || s.substring(start, i).isBlank();
    return lineStart && i + 9 < s.length() && isSpace(s.charAt(i + 9));
  }

  private int skipQuoted(int i, char q) {
    int n = s.length();
    int j = i + 1;
    while (j < n) {
      char c = s.charAt(j);
      if (c == '\\' && q != '`') {
        j += 2;
        continue;
      }
      if (c == q) {
        if (j + 1 < n && s.charAt(j + 1) == q) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return n;
  }

  private void emit(int end) {
    String stmt = s.substring(start, Math.min(end, s.length())).strip();
    if (content && !stmt.isEmpty()) {
      out.add(stmt);
    }
    content = false;
    depth = 0;
    blockMode = false;
    routine = false;
    skipNextWord = false;
    words = 0;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c);
  }
}
