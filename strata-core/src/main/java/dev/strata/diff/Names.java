package dev.strata.diff;

import dev.strata.dialect.DiffHooks;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Name lookup that honours the dialect's case sensitivity (SQLite's names are not). */
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

  /**
   * A hashed {@link #find} over one list, for lists looked up once per item of another (tables).
   */
  static <T> Lookup<T> lookup(DiffHooks hooks, List<T> items, Function<T, String> name) {
    return new Lookup<>(hooks, items, name);
  }

  /** Same answers as {@link #find} (exact match first, then the first case-insensitive one). */
  static final class Lookup<T> {
    private final Map<String, T> exact = new HashMap<>();
    private final Map<String, T> loose;

    private Lookup(DiffHooks hooks, List<T> items, Function<T, String> name) {
      loose = hooks.caseInsensitiveNames() ? new HashMap<>() : null;
      for (T item : items) {
        String n = name.apply(item);
        exact.putIfAbsent(n, item);
        if (loose != null) {
          loose.putIfAbsent(n.toLowerCase(Locale.ROOT), item);
        }
      }
    }

    Optional<T> find(String n) {
      T t = exact.get(n);
      if (t == null && loose != null) {
        t = loose.get(n.toLowerCase(Locale.ROOT));
      }
      return Optional.ofNullable(t);
    }
  }
}
