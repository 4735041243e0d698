package dev.strata.dialect;

import dev.strata.InputException;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link Dialect} for a URL among those on the class path. */
public final class Dialects {
  private static final List<Dialect> ALL =
      ServiceLoader.load(Dialect.class).stream().map(ServiceLoader.Provider::get).toList();

  private Dialects() {}

  public static List<Dialect> all() {
    return ALL;
  }

  public static Dialect forUrl(DbUrl url) {
    for (Dialect d : ALL) {
      if (d.handles(url)) {
        return d;
      }
    }
    throw new InputException(
        "no database driver for \"" + url.scheme() + "\" URLs in this build: " + url);
  }

  public static Dialect byName(String name) {
    for (Dialect d : ALL) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new InputException("unknown dialect \"" + name + "\"");
  }
}
