package dev.strata.diff;

import dev.strata.dialect.DiffHooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Name lookup that honours the dialect's case sensitivity (SQLite's names are not): an exact match
 * wins, otherwise the first item whose name equals ignoring case. {@link #find} scans a list (fine
 * for the columns of one table); {@link Index} answers in constant time for the tables of a schema.
 */
final class Names {
  private Names() {}

  static <T> Optional<T> find(DiffHooks hooks, List<T> items, Function<T, String> name, String n) {
    T loose = null;
    for (T item : items) {
      String in = name.apply(item);
      if (in.equals(n)) {
        return Optional.of(item);
      }
      if (loose == null && hooks.caseInsensitiveNames() && in.equalsIgnoreCase(n)) {
        loose = item;
      }
    }
    return Optional.ofNullable(loose);
  }

  /** A lookup table over a list, answering exactly as {@link #find} would. */
  static final class Index<T> {
    private final Map<String, T> exact = new HashMap<>();
    private final Map<String, T> folded;

    Index(DiffHooks hooks, List<T> items, Function<T, String> name) {
      folded = hooks.caseInsensitiveNames() ? new HashMap<>() : null;
      for (T item : items) {
        String n = name.apply(item);
        exact.putIfAbsent(n, item);
        if (folded != null) {
          folded.putIfAbsent(fold(n), item);
        }
      }
    }

    Optional<T> find(String n) {
      T hit = exact.get(n);
      if (hit == null && folded != null) {
        hit = folded.get(fold(n));
      }
      return Optional.ofNullable(hit);
    }

    /**
     * A key equal for two names exactly when {@link String#equalsIgnoreCase} holds: that method
     * compares code point by code point after upper- then lower-casing each one.
     */
    private static String fold(String s) {
      StringBuilder b = new StringBuilder(s.length());
      s.codePoints()
          .forEach(cp -> b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
      return b.toString();
    }
  }
}
