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

  private static final Pattern USERINFO_PASSWORD =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^:@/\\s]*:([^/\\s]*)@");
  private static final Pattern PARAM_PASSWORD =
      Pattern.compile("(?i)[?&;](?:password|pwd)=([^&\\s]*)");

  /**
   * Whether a URL carries a password written out instead of as {@code ${NAME}} references: the
   * config is committed, so such a password would be stored in the repository for every reader.
   */
  public static boolean hasLiteralPassword(String url) {
    String bare = REF.matcher(url).replaceAll("");
    Matcher m = USERINFO_PASSWORD.matcher(bare);
    if (m.find() && !m.group(1).isEmpty()) {
      return true;
    }
    Matcher q = PARAM_PASSWORD.matcher(bare);
    while (q.find()) {
      if (!q.group(1).isEmpty()) {
        return true;
      }
    }
    return false;
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
