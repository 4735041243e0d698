package dev.strata.project;

import java.nio.file.Path;

/** Resolves the relative file references of a project file against its directory. */
final class Paths {
  private Paths() {}

  /** {@code file://schema.hcl} and plain relative paths become absolute {@code file://} refs. */
  static String resolveSource(String ref, Path dir) {
    String r = ref.trim();
    boolean file = r.startsWith("file://") || r.startsWith("file:");
    if (!file && r.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return r; // a database URL
    }
    String p = r.startsWith("file://") ? r.substring(7) : file ? r.substring(5) : r;
    return "file://" + dir.resolve(p).normalize();
  }

  /** A SQLite file URL with a relative path is made absolute; other URLs stay as written. */
  static String resolveUrl(String url, Path dir) {
    for (String prefix : new String[] {"sqlite://", "sqlite3://"}) {
      if (url.startsWith(prefix)) {
        String rest = url.substring(prefix.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q);
        if (query.contains("mode=memory") || path.isEmpty() || Path.of(path).isAbsolute()) {
          return url;
        }
        return prefix + dir.resolve(path).normalize() + query;
      }
    }
    return url;
  }
}
