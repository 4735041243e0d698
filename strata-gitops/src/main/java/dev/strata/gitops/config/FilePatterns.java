package dev.strata.gitops.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A project's {@code when_modified.file_patterns}: globs relative to the repository root, {@code
 * ${DIR}} standing for the project directory, and {@code !}-prefixed globs excluding what earlier
 * ones included (last match wins, as in {@code .gitignore}). Glob syntax: {@code *} any characters
 * but {@code /}, {@code **} any characters including {@code /} (and {@code ** /} zero or more
 * directories), {@code ?} one character, {@code {a,b}} alternatives.
 */
public final class FilePatterns {
  private record Rule(boolean include, Pattern regex) {}

  private final List<Rule> rules;

  private FilePatterns(List<Rule> rules) {
    this.rules = rules;
  }

  /** The patterns of a project in directory {@code dir} ("." for the repository root). */
  public static FilePatterns of(List<String> patterns, String dir) {
    List<Rule> rules = new ArrayList<>();
    for (String p : patterns) {
      boolean include = !p.startsWith("!");
      String glob = include ? p : p.substring(1);
      glob = glob.replace("${DIR}", dir);
      while (glob.startsWith("./")) {
        glob = glob.substring(2);
      }
      rules.add(new Rule(include, Pattern.compile(regex(glob))));
    }
    return new FilePatterns(rules);
  }

  /** Whether a repository-relative path (with {@code /}) is matched. */
  public boolean matches(String path) {
    boolean matched = false;
    for (Rule r : rules) {
      if (r.regex().matcher(path).matches()) {
        matched = r.include();
      }
    }
    return matched;
  }

  static String regex(String glob) {
    StringBuilder sb = new StringBuilder();
    int alternatives = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
              sb.append("(?:.*/)?");
            } else {
              sb.append(".*");
            }
          } else {
            sb.append("[^/]*");
          }
        }
        case '?' -> sb.append("[^/]");
        case '{' -> {
          alternatives++;
          sb.append("(?:");
        }
        case '}' -> {
          if (alternatives > 0) {
            alternatives--;
            sb.append(')');
          } else {
            sb.append("\\}");
          }
        }
        case ',' -> sb.append(alternatives > 0 ? "|" : ",");
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
