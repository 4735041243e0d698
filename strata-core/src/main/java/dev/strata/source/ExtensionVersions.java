package dev.strata.source;

import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A desired extension states a version only when the user wrote one. The dev database that
 * normalises the desired state installs its default version of every extension; this takes that
 * version away again from the extensions the source did not pin, so that the differ leaves their
 * installed version alone (a version is compared, and {@code ALTER EXTENSION ... UPDATE} planned,
 * only when the desired state says one).
 */
final class ExtensionVersions {
  private static final Pattern CREATE =
      Pattern.compile(
          "CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]+\"|[\\w$]+)([^;]*)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern VERSION = Pattern.compile("\\bVERSION\\b", Pattern.CASE_INSENSITIVE);

  private ExtensionVersions() {}

  /** The extensions an HCL source declares without {@code version}. */
  static Set<String> unpinned(Realm decoded) {
    Set<String> out = new HashSet<>();
    for (Schema s : decoded.schemas()) {
      for (SchemaObject o : s.objects()) {
        if (o instanceof SchemaObject.Extension x && x.version() == null) {
          out.add(x.name());
        }
      }
    }
    return out;
  }

  /** The extensions SQL files create without a {@code VERSION} clause. */
  static Set<String> unpinned(List<Path> files) {
    Set<String> out = new HashSet<>();
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f);
      } catch (IOException e) {
        throw new UncheckedIOException(f + ": " + e.getMessage(), e);
      }
      Matcher m = CREATE.matcher(text);
      while (m.find()) {
        String name = m.group(1);
        name =
            name.startsWith("\"")
                ? name.substring(1, name.length() - 1)
                : name.toLowerCase(Locale.ROOT);
        if (!VERSION.matcher(m.group(2)).find()) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** {@code realm} with the version of the {@code unpinned} extensions left out. */
  static Realm withoutVersions(Realm realm, Set<String> unpinned) {
    if (unpinned.isEmpty()) {
      return realm;
    }
    List<Schema> schemas = new ArrayList<>();
    for (Schema s : realm.schemas()) {
      List<SchemaObject> objects = new ArrayList<>();
      for (SchemaObject o : s.objects()) {
        objects.add(
            o instanceof SchemaObject.Extension x && unpinned.contains(x.name())
                ? new SchemaObject.Extension(x.name(), null, x.attrs())
                : o);
      }
      schemas.add(new Schema(s.name(), s.tables(), s.views(), s.triggers(), objects, s.attrs()));
    }
    return new Realm(schemas);
  }
}
