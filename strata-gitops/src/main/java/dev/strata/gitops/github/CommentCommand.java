package dev.strata.gitops.github;

import dev.strata.lint.Category;
import dev.strata.lint.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command written in a pull-request comment: {@code strata plan [project[/env]]}, {@code strata
 * apply [project[/env]] [--allow-destructive] [--allow CODE|CATEGORY]...}, {@code strata unlock} or
 * {@code strata help}. Only the first non-blank line of a comment is read, so a command can be
 * followed by an explanation.
 */
public sealed interface CommentCommand {

  /** The verb as typed ({@code plan}, {@code apply}, {@code unlock}, {@code help}). */
  String verb();

  /** Plan one project (and environment), or every affected one when both are null. */
  record Plan(String project, String env) implements CommentCommand {
    @Override
    public String verb() {
      return "plan";
    }
  }

  /**
   * Apply the current plan of one project (and environment), or of every planned one, with lint
   * allowances (codes such as {@code DS103} or categories such as {@code destructive}) that let a
   * blocked plan through.
   */
  record Apply(String project, String env, List<String> allow) implements CommentCommand {
    public Apply {
      allow = List.copyOf(allow);
    }

    /** Without allowances. */
    public Apply(String project, String env) {
      this(project, env, List.of());
    }

    @Override
    public String verb() {
      return "apply";
    }
  }

  /** Release the locks this pull request holds. */
  record Unlock() implements CommentCommand {
    @Override
    public String verb() {
      return "unlock";
    }
  }

  /** Reply with the list of commands. */
  record Help() implements CommentCommand {
    @Override
    public String verb() {
      return "help";
    }
  }

  /** A comment addressed to Strata that is not a valid command; answered with the reason. */
  record Invalid(String reason) implements CommentCommand {
    @Override
    public String verb() {
      return "invalid";
    }
  }

  /** The reply to {@code strata help} and to an invalid command. */
  String USAGE =
      """
      Strata understands these pull-request comments:

      | command | does |
      |---|---|
      | `strata plan [project[/env]]` | plan every affected project, or one project (and environment) |
      | `strata apply [project[/env]]` | apply the current plans (needs write permission) |
      | `strata apply ... --allow-destructive` | also apply plans that drop tables or columns (the lint's `destructive` findings) |
      | `strata apply ... --allow CODE` | also apply plans blocked by that lint code or category (e.g. `DS103`, `data_dependent`); repeatable |
      | `strata unlock` | release the locks this pull request holds (needs write permission) |
      | `strata help` | show this help |
      """;

  /** A project or environment name. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /**
   * Parses a comment body; null when the comment is not addressed to Strata (its first non-blank
   * line does not start with the word {@code strata}).
   */
  static CommentCommand parse(String body) {
    if (body == null) {
      return null;
    }
    String line = body.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    String[] words = line.split("\\s+");
    if (!words[0].equalsIgnoreCase("strata")) {
      return null;
    }
    if (words.length == 1) {
      return new Invalid("a command is missing after `strata`");
    }
    String verb = words[1].toLowerCase(java.util.Locale.ROOT);
    int args = words.length - 2;
    switch (verb) {
      case "apply" -> {
        return parseApply(java.util.Arrays.asList(words).subList(2, words.length));
      }
      case "plan" -> {
        if (args > 1) {
          return new Invalid("`strata " + verb + "` takes at most one `project[/env]` argument");
        }
        String project = null;
        String env = null;
        if (args == 1) {
          String target = words[2];
          int slash = target.indexOf('/');
          project = slash < 0 ? target : target.substring(0, slash);
          env = slash < 0 ? null : target.substring(slash + 1);
          if (!NAME.matcher(project).matches() || (env != null && !NAME.matcher(env).matches())) {
            return new Invalid("`" + target + "` is not a `project` or `project/env` name");
          }
        }
        return new Plan(project, env);
      }
      case "unlock", "help" -> {
        if (args > 0) {
          return new Invalid("`strata " + verb + "` takes no arguments");
        }
        return verb.equals("unlock") ? new Unlock() : new Help();
      }
      default -> {
        String near = nearest(words[1]);
        return new Invalid(
            "unknown command `"
                + words[1]
                + "`"
                + (near == null ? "" : "; did you mean `strata " + near + "`?"));
      }
    }
  }

  /** {@code strata apply}'s arguments: at most one target and any number of allowances. */
  private static CommentCommand parseApply(List<String> words) {
    String target = null;
    List<String> allow = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String value;
      if (w.equals("--allow-destructive")) {
        value = "destructive";
      } else if (w.equals("--allow")) {
        if (i + 1 == words.size() || words.get(i + 1).startsWith("--")) {
          return new Invalid("`--allow` needs a lint code or category, as `--allow DS103`");
        }
        value = words.get(++i);
      } else if (w.startsWith("--allow=")) {
        value = w.substring("--allow=".length());
      } else if (w.startsWith("-")) {
        return new Invalid(
            "unknown option `"
                + w
                + "` for `strata apply` (`--allow-destructive`, `--allow CODE|CATEGORY`)");
      } else if (target == null) {
        target = w;
        continue;
      } else {
        return new Invalid("`strata apply` takes at most one `project[/env]` argument");
      }
      for (String a : value.split(",")) {
        if (a.isEmpty()) {
          continue;
        }
        if (Code.byName(a) == null && Category.byKey(a) == null) {
          return new Invalid(
              "`"
                  + a
                  + "` is not a lint code or category (a code such as `DS103`, or `destructive`,"
                  + " `data_dependent`, ...)");
        }
        if (!allow.contains(a)) {
          allow.add(a);
        }
      }
    }
    String project = null;
    String env = null;
    if (target != null) {
      int slash = target.indexOf('/');
      project = slash < 0 ? target : target.substring(0, slash);
      env = slash < 0 ? null : target.substring(slash + 1);
      if (!NAME.matcher(project).matches() || (env != null && !NAME.matcher(env).matches())) {
        return new Invalid("`" + target + "` is not a `project` or `project/env` name");
      }
    }
    return new Apply(project, env, allow);
  }

  /** The command within two typos of {@code word} (as "aply" for apply), or null. */
  private static String nearest(String word) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    for (String verb : java.util.List.of("plan", "apply", "unlock", "help")) {
      if (distance(w, verb) <= 2 && w.length() > 2) {
        return verb;
      }
    }
    return null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int same = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + same);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
