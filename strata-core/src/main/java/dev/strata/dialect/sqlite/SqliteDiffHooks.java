package dev.strata.dialect.sqlite;

import dev.strata.dialect.DiffHooks;
import dev.strata.dialect.sqlite.SqliteLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQLite's answers to the Differ. SQLite keeps declared types and default texts verbatim and the
 * planner writes them back verbatim, so only spelling differences that carry no meaning are
 * normalised: letter case and whitespace in types; and, in expressions, defaults, views and
 * triggers, whitespace, comments, identifier case and quoting, keyword case and redundant outer
 * parentheses. Declared types keep their words: {@code int} and {@code integer} differ (only {@code
 * INTEGER PRIMARY KEY} is a rowid alias).
 *
 * <p>Algorithm for expressions: tokenize with {@link SqliteLexer}, drop comments, peel outer
 * parentheses that enclose everything, lower-case bare words and quoted identifiers (re-quoting
 * only those that are not plain words), keep string literals as they are, canonicalise {@code ==}
 * to {@code =} and {@code !=} to {@code <>}, and join the tokens with single spaces.
 */
public final class SqliteDiffHooks implements DiffHooks {

  @Override
  public String normalizeType(String type) {
    if (type == null) {
      return "";
    }
    return type.trim()
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ")
        .replaceAll(" ?([(),]) ?", "$1")
        .replace(",", ", ");
  }

  @Override
  public String normalizeExpr(String expr) {
    if (expr == null) {
      return null;
    }
    List<Token> tokens = new ArrayList<>(SqliteLexer.tokenize(expr));
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isPunct(";")) {
      tokens.remove(tokens.size() - 1);
    }
    while (tokens.size() >= 2
        && tokens.get(0).isPunct("(")
        && SqliteLexer.matching(tokens, 0) == tokens.size() - 1) {
      tokens = new ArrayList<>(tokens.subList(1, tokens.size() - 1));
    }
    List<String> out = new ArrayList<>(tokens.size());
    for (Token t : tokens) {
      out.add(canonical(t));
    }
    return String.join(" ", out);
  }

  private static String canonical(Token t) {
    return switch (t.kind()) {
      case WORD, BLOB, NUMBER -> t.text().toLowerCase(Locale.ROOT);
      case QUOTED -> {
        String lower = t.text().toLowerCase(Locale.ROOT);
        yield lower.matches("[a-z_][a-z0-9_$]*") ? lower : '"' + lower.replace("\"", "\"\"") + '"';
      }
      case PUNCT ->
          switch (t.text()) {
            case "==" -> "=";
            case "!=" -> "<>";
            default -> t.text();
          };
      default -> t.text();
    };
  }

  @Override
  public boolean sameDefault(String from, String to) {
    return java.util.Objects.equals(normalizeExpr(from), normalizeExpr(to));
  }

  @Override
  public boolean sameViewDefinition(String from, String to) {
    return java.util.Objects.equals(normalizeExpr(from), normalizeExpr(to));
  }

  @Override
  public boolean sameTriggerDefinition(String from, String to) {
    return java.util.Objects.equals(normalizeExpr(from), normalizeExpr(to));
  }

  /** SQLite matches table, column and index names without regard to ASCII letter case. */
  @Override
  public boolean caseInsensitiveNames() {
    return true;
  }
}
