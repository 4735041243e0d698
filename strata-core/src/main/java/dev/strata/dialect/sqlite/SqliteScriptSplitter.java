package dev.strata.dialect.sqlite;

import dev.strata.dialect.sqlite.SqliteLexer.Kind;
import dev.strata.dialect.sqlite.SqliteLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQLite script into statements the way the {@code sqlite3} shell does.
 *
 * <p>Algorithm: walk the tokens of {@link SqliteLexer} (so semicolons inside quotes, {@code []}
 * identifiers and comments never split) and cut at every top-level {@code ;}. A statement that
 * starts with {@code CREATE [TEMP] TRIGGER} enters its body at {@code BEGIN}; inside the body
 * semicolons do not split, {@code CASE} opens a nested {@code END} and the {@code END} that closes
 * the body ends the shelter. Each statement is returned trimmed and without its semicolon;
 * statements made only of comments and whitespace are dropped.
 */
public final class SqliteScriptSplitter {
  private SqliteScriptSplitter() {}

  /** The statements of {@code script}, in order. */
  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    List<Token> tokens = SqliteLexer.tokenizeAll(script);
    int stmtStart = 0;
    List<Token> head = new ArrayList<>();
    boolean inBody = false;
    int caseDepth = 0;
    for (Token t : tokens) {
      if (t.kind() == Kind.SPACE || t.kind() == Kind.COMMENT) {
        continue;
      }
      if (t.isPunct(";") && !inBody) {
        add(out, script.substring(stmtStart, t.start()), head);
        stmtStart = t.end();
        head.clear();
        caseDepth = 0;
        continue;
      }
      if (head.size() < 4) {
        head.add(t);
      }
      if (t.kind() != Kind.WORD) {
        continue;
      }
      if (!inBody && t.isWord("BEGIN") && isTrigger(head)) {
        inBody = true;
      } else if (inBody && t.isWord("CASE")) {
        caseDepth++;
      } else if (inBody && t.isWord("END")) {
        if (caseDepth > 0) {
          caseDepth--;
        } else {
          inBody = false;
        }
      }
    }
    add(out, script.substring(stmtStart), head);
    return out;
  }

  private static void add(List<String> out, String text, List<Token> head) {
    if (!head.isEmpty()) {
      out.add(text.trim());
    }
  }

  /** Whether the first words are CREATE [TEMP|TEMPORARY] TRIGGER. */
  static boolean isTrigger(List<Token> head) {
    if (head.isEmpty() || !head.get(0).isWord("CREATE")) {
      return false;
    }
    int i = 1;
    if (i < head.size() && (head.get(i).isWord("TEMP") || head.get(i).isWord("TEMPORARY"))) {
      i++;
    }
    return i < head.size() && head.get(i).isWord("TRIGGER");
  }
}
