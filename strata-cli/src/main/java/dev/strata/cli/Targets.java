package dev.strata.cli;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialect;
import dev.strata.source.SourceRef;

/** Works out which database dialect a command speaks from the URLs it was given. */
final class Targets {
  private Targets() {}

  /** The first database URL among the references, or the dev URL; null when there is none. */
  static DbUrl firstDatabase(DbUrl devUrl, String... refs) {
    for (String r : refs) {
      if (r != null && SourceRef.parse(r) instanceof SourceRef.Database db) {
        return db.url();
      }
    }
    return devUrl;
  }

  static Dialect dialect(DbUrl url) {
    if (url == null) {
      throw new InputException(
          "cannot tell which database these files are for: give --dev-url (for example"
              + " --dev-url embedded://postgres, which needs no server, or --dev-url"
              + " \"sqlite://dev?mode=memory\")");
    }
    return Strata.dialectFor(url);
  }
}
