package dev.strata.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Dialect-specific extras of a schema object (e.g. SQLite's {@code strict}, {@code without_rowid}),
 * as an immutable sorted string map so that two objects compare equal independent of insertion
 * order.
 */
public record Attrs(Map<String, String> values) {
  public static final Attrs EMPTY = new Attrs(Map.of());

  public Attrs {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Attrs of(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put(kv[i], kv[i + 1]);
      }
    }
    return new Attrs(m);
  }

  public String get(String key) {
    return values.get(key);
  }

  public boolean flag(String key) {
    return "true".equals(values.get(key));
  }

  public Attrs with(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
    return new Attrs(m);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
