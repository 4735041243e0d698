package dev.strata.diff;

import dev.strata.dialect.DiffHooks;
import java.util.List;
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
}
