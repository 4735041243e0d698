package dev.strata.source;

import dev.strata.InputException;
import dev.strata.dialect.DbUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A desired- or current-state reference as the user writes it for {@code --to}/{@code --from}:
 * {@code file://schema.hcl}, {@code file://schema.sql}, {@code file://db/} (a directory of one kind
 * of file), a plain path, or a database URL.
 */
public sealed interface SourceRef {
  /** HCL files, in the order they are read. */
  record HclFiles(List<Path> files) implements SourceRef {}

  /** SQL files, executed in this order on a dev database. */
  record SqlFiles(List<Path> files) implements SourceRef {}

  /** A live database. */
  record Database(DbUrl url) implements SourceRef {}

  /** Parses a reference; throws {@link InputException} for a missing file or an unknown kind. */
  static SourceRef parse(String ref) {
    if (ref == null || ref.isBlank()) {
      throw new InputException("empty schema reference");
    }
    String r = ref.trim();
    boolean fileScheme = r.startsWith("file://") || r.startsWith("file:");
    if (!fileScheme && r.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !r.matches("^[A-Za-z]:\\\\.*")) {
      return new Database(DbUrl.parse(r));
    }
    String p = r.startsWith("file://") ? r.substring(7) : fileScheme ? r.substring(5) : r;
    Path path = Paths.get(p.isEmpty() ? "." : p);
    if (!Files.exists(path)) {
      throw new InputException("schema file or directory not found: " + path);
    }
    if (Files.isDirectory(path)) {
      return fromDirectory(path);
    }
    return fromFiles(List.of(path), ref);
  }

  /**
   * Several references read as one desired state (a project's {@code src} list): all must be files
   * or directories of one kind; a single reference may also be a database URL.
   */
  static SourceRef parseAll(List<String> refs) {
    if (refs.isEmpty()) {
      throw new InputException("no schema source given");
    }
    if (refs.size() == 1) {
      return parse(refs.get(0));
    }
    List<Path> hcl = new ArrayList<>();
    List<Path> sql = new ArrayList<>();
    for (String r : refs) {
      SourceRef one = parse(r);
      if (one instanceof HclFiles h) {
        hcl.addAll(h.files());
      } else if (one instanceof SqlFiles q) {
        sql.addAll(q.files());
      } else {
        throw new InputException("a database URL cannot be combined with other sources: " + r);
      }
    }
    if (!hcl.isEmpty() && !sql.isEmpty()) {
      throw new InputException("the sources mix .hcl and .sql files; use one kind");
    }
    return hcl.isEmpty() ? new SqlFiles(sql) : new HclFiles(hcl);
  }

  private static SourceRef fromDirectory(Path dir) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).filter(f -> kind(f) != null).sorted().forEach(files::add);
    } catch (java.io.IOException e) {
      throw new InputException("reading directory " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new InputException("no .hcl or .sql files in directory " + dir);
    }
    return fromFiles(files, dir.toString());
  }

  private static SourceRef fromFiles(List<Path> files, String what) {
    boolean hcl = files.stream().allMatch(f -> "hcl".equals(kind(f)));
    boolean sql = files.stream().allMatch(f -> "sql".equals(kind(f)));
    if (hcl) {
      return new HclFiles(files);
    }
    if (sql) {
      return new SqlFiles(files);
    }
    if (files.size() == 1) {
      throw new InputException(
          "cannot tell the kind of " + what + ": expected a file ending in .hcl or .sql");
    }
    throw new InputException(what + " mixes .hcl and .sql files; use one kind per directory");
  }

  private static String kind(Path f) {
    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".hcl")) {
      return "hcl";
    }
    if (n.endsWith(".sql")) {
      return "sql";
    }
    return null;
  }
}
