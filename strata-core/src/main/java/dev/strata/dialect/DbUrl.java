package dev.strata.dialect;

import dev.strata.InputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed database URL: {@code sqlite://path}, {@code sqlite://name?mode=memory}, {@code
 * postgres://user:pass@host:port/db?opts}, {@code mysql://...}, {@code maria://...}, {@code
 * embedded://postgres} and {@code jdbc:...} forms, all parsed here. {@link #toString()} masks the
 * password, so a DbUrl can be printed anywhere.
 */
public record DbUrl(
    String scheme,
    String user,
    String password,
    String host,
    int port,
    String path,
    Map<String, String> params,
    String raw) {

  private static final Pattern SERVER =
      Pattern.compile(
          "^(?<scheme>[a-z][a-z0-9+.-]*)://(?:(?<user>[^:@/]*)(?::(?<pass>[^@/]*))?@)?"
              + "(?<host>\\[[^\\]]+\\]|[^:/?]*)(?::(?<port>\\d+))?(?:/(?<path>[^?]*))?"
              + "(?:\\?(?<query>.*))?$");

  public DbUrl {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Parses a URL; throws {@link InputException} (exit 2) with the masked URL when malformed. */
  public static DbUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InputException("empty database URL");
    }
    String u = url.trim();
    if (u.startsWith("jdbc:")) {
      return parseJdbc(u);
    }
    if (u.startsWith("sqlite:") || u.startsWith("sqlite3:")) {
      String rest = u.substring(u.indexOf(':') + 1);
      if (rest.startsWith("//")) {
        rest = rest.substring(2);
      }
      String query = null;
      int q = rest.indexOf('?');
      if (q >= 0) {
        query = rest.substring(q + 1);
        rest = rest.substring(0, q);
      }
      if (rest.isEmpty()) {
        throw new InputException("sqlite URL needs a file path, e.g. sqlite://app.db: " + u);
      }
      return new DbUrl("sqlite", null, null, null, 0, decode(rest), parseQuery(query), u);
    }
    Matcher m = SERVER.matcher(u);
    if (!m.matches()) {
      throw new InputException("malformed database URL: " + mask(u));
    }
    String scheme = m.group("scheme");
    scheme =
        switch (scheme) {
          case "postgres", "postgresql", "pg" -> "postgres";
          case "mysql" -> "mysql";
          case "maria", "mariadb" -> "maria";
          case "embedded" -> "embedded";
          default ->
              throw new InputException(
                  "unsupported database URL scheme \""
                      + scheme
                      + "\" (expected sqlite, postgres, mysql, maria or jdbc): "
                      + mask(u));
        };
    String port = m.group("port");
    return new DbUrl(
        scheme,
        m.group("user") == null ? null : decode(m.group("user")),
        m.group("pass") == null ? null : decode(m.group("pass")),
        m.group("host"),
        port == null ? 0 : Integer.parseInt(port),
        m.group("path") == null ? "" : decode(m.group("path")),
        parseQuery(m.group("query")),
        u);
  }

  private static DbUrl parseJdbc(String u) {
    String rest = u.substring("jdbc:".length());
    if (rest.startsWith("sqlite:")) {
      String p = rest.substring("sqlite:".length());
      String query = null;
      int q = p.indexOf('?');
      if (q >= 0) {
        query = p.substring(q + 1);
        p = p.substring(0, q);
      }
      if (p.equals(":memory:")) {
        return new DbUrl("sqlite", null, null, null, 0, "memdb", Map.of("mode", "memory"), u);
      }
      return new DbUrl("sqlite", null, null, null, 0, p, parseQuery(query), u);
    }
    if (rest.startsWith("postgresql:")
        || rest.startsWith("mysql:")
        || rest.startsWith("mariadb:")) {
      DbUrl inner = parse(rest);
      Map<String, String> params = new LinkedHashMap<>(inner.params);
      String user = inner.user != null ? inner.user : params.remove("user");
      String pass = inner.password != null ? inner.password : params.remove("password");
      return new DbUrl(inner.scheme, user, pass, inner.host, inner.port, inner.path, params, u);
    }
    throw new InputException("unsupported JDBC URL: " + mask(u));
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String kv : query.split("&")) {
      if (kv.isEmpty()) {
        continue;
      }
      int eq = kv.indexOf('=');
      if (eq < 0) {
        out.put(decode(kv), "");
      } else {
        out.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static final java.util.regex.Pattern USER_COLON =
      java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^:@/\\s]*:");

  /**
   * Replaces the password of any URL-like text with {@code ****}. The password runs from the colon
   * after the user to the last {@code @} of the same word, so an unencoded {@code @} or {@code /}
   * in it is masked too; a password with a space (also unencoded) ends at the first {@code @} of
   * the line that is not preceded by a {@code /} (which would make the text a {@code
   * host:port/path}).
   */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = USER_COLON.matcher(text);
    int copied = 0;
    while (m.find(copied)) {
      int from = m.end();
      int wordEnd = from;
      while (wordEnd < text.length() && !Character.isWhitespace(text.charAt(wordEnd))) {
        wordEnd++;
      }
      int at = text.lastIndexOf('@', wordEnd - 1);
      if (at < from) {
        at = -1;
        for (int i = from; i < text.length() && text.charAt(i) != '\n'; i++) {
          char c = text.charAt(i);
          if (c == '/' || text.startsWith("://", i)) {
            break;
          }
          if (c == '@') {
            at = i;
            break;
          }
        }
      }
      if (at < 0) {
        out.append(text, copied, from);
        copied = from;
        continue;
      }
      out.append(text, copied, from).append("****");
      copied = at;
    }
    out.append(text.substring(copied));
    return out.toString().replaceAll("(?i)([?&;](?:password|pwd)=)[^&\\s]*", "$1****");
  }

  public boolean isSqlite() {
    return scheme.equals("sqlite");
  }

  /** True for {@code sqlite://x?mode=memory}: a private in-memory database. */
  public boolean isMemory() {
    return isSqlite() && "memory".equals(params.get("mode"));
  }

  public String param(String key) {
    return params.get(key);
  }

  /**
   * This URL with query parameter {@code key} set to {@code value} (replacing any value it had), in
   * both the parsed parameters and the raw text.
   */
  public DbUrl withParam(String key, String value) {
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put(key, value);
    String text = raw.replaceAll("([?&])" + Pattern.quote(key) + "=[^&]*&?", "$1");
    if (text.endsWith("&") || text.endsWith("?")) {
      text = text.substring(0, text.length() - 1);
    }
    text += (text.indexOf('?') >= 0 ? "&" : "?") + key + "=" + value;
    return new DbUrl(scheme, user, password, host, port, path, p, text);
  }

  /** The URL with its password masked: safe to print. */
  @Override
  public String toString() {
    return mask(raw);
  }
}
