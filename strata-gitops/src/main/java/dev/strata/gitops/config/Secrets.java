package dev.strata.gitops.config;

import dev.strata.InputException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} references in config values from the process environment at the moment
 * of use. The resolved text is handed straight to a connection and never stored or printed; errors
 * name the variable, never a value.
 */
public final class Secrets {
  private static final Pattern REF = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Secrets() {}

  /** Throws unless every {@code ${...}} in {@code text} names a plausible variable. */
  public static void check(String text) {
    Matcher m = REF.matcher(text);
    while (m.find()) {
      if (!NAME.matcher(m.group(1)).matches()) {
        throw new InputException(
            "\"${" + m.group(1) + "}\" is not an environment variable reference like ${DB_URL}");
      }
    }
  }

  /** {@code text} with each {@code ${NAME}} replaced by its value in {@code env}. */
  public static String resolve(String text, Map<String, String> env, String what) {
    check(text);
    Matcher m = REF.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        throw new InputException(what + ": environment variable " + m.group(1) + " is not set");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
