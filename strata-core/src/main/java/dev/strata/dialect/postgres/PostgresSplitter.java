package dev.strata.dialect.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a PostgreSQL script into statements the way psql does. Algorithm: one left-to-right scan
 * that tracks the lexical state — single-quoted strings ({@code ''} escapes, and backslash escapes
 * in {@code E'...'}), double-quoted identifiers, {@code --} line comments, nested block comments
 * and dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}) — and splits on a semicolon
 * only outside all of them. SQL-standard function bodies ({@code BEGIN ATOMIC ... END}) are tracked
 * by counting {@code BEGIN ATOMIC}/{@code CASE} against {@code END} words. Statements that hold
 * nothing but comments and whitespace are dropped.
 */
final class PostgresSplitter {
  private PostgresSplitter() {}

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean hasCode = false;
    int atomicDepth = 0;
    String lastWord = "";
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      char next = i + 1 < n ? script.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        cur.append(script, i, end);
        i = end;
      } else if (c == '/' && next == '*') {
        int end = blockCommentEnd(script, i);
        cur.append(script, i, end);
        i = end;
      } else if (c == '\'') {
        boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e');
        int end = quotedEnd(script, i, '\'', escapes);
        cur.append(script, i, end);
        hasCode = true;
        i = end;
      } else if (c == '"') {
        int end = quotedEnd(script, i, '"', false);
        cur.append(script, i, end);
        hasCode = true;
        i = end;
      } else if (c == '$' && dollarTag(script, i) != null) {
        String tag = dollarTag(script, i);
        int close = script.indexOf(tag, i + tag.length());
        int end = close < 0 ? n : close + tag.length();
        cur.append(script, i, end);
        hasCode = true;
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n
            && (Character.isLetterOrDigit(script.charAt(end))
                || script.charAt(end) == '_'
                || script.charAt(end) == '$')) {
          end++;
        }
        String word = script.substring(i, end).toUpperCase(Locale.ROOT);
        if (word.equals("ATOMIC") && lastWord.equals("BEGIN")) {
          atomicDepth++;
        } else if (word.equals("CASE") && atomicDepth > 0) {
          atomicDepth++;
        } else if (word.equals("END") && atomicDepth > 0) {
          atomicDepth--;
        }
        lastWord = word;
        cur.append(script, i, end);
        hasCode = true;
        i = end;
      } else if (c == ';' && atomicDepth == 0) {
        if (hasCode) {
          out.add(cur.toString().strip());
        }
        cur.setLength(0);
        hasCode = false;
        lastWord = "";
        i++;
      } else {
        if (!Character.isWhitespace(c)) {
          hasCode = true;
        }
        cur.append(c);
        i++;
      }
    }
    if (hasCode) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static int blockCommentEnd(String s, int start) {
    int depth = 0;
    int i = start;
    while (i < s.length()) {
      if (s.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (s.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return s.length();
  }

  private static int quotedEnd(String s, int start, char q, boolean backslashEscapes) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == q) {
        if (i + 1 < s.length() && s.charAt(i + 1) == q) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return s.length();
  }

  /** The dollar-quote opening tag at {@code i} ({@code $$} or {@code $name$}), or null. */
  private static String dollarTag(String s, int i) {
    if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return null;
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j < s.length()
        && s.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
      return s.substring(i, j + 1);
    }
    return null;
  }
}
