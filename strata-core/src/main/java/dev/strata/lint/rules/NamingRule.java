package dev.strata.lint.rules;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A naming rule from the project file: names of objects of {@code kind} ("table", "column",
 * "index", "foreign_key", "check", "view", or "any") must match {@code match} in full; {@code
 * message} replaces the default explanation when given.
 */
public record NamingRule(String kind, Pattern match, String message) {
  /** The kinds a rule may name. */
  public static final Set<String> KINDS =
      Set.of("any", "table", "column", "index", "foreign_key", "check", "view");

  public NamingRule {
    kind = kind.toLowerCase(Locale.ROOT);
  }

  /** Whether this rule covers objects of {@code objectKind}. */
  public boolean covers(String objectKind) {
    return kind.equals("any") || kind.equals(objectKind);
  }

  /** Whether the name breaks the rule. */
  public boolean broken(String name) {
    return name != null && !match.matcher(name).matches();
  }
}
