package dev.strata.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the read-only {@code shared/} folder (conformance material) for tests: the system
 * property {@code strata.shared}, the environment variable {@code STRATA_SHARED}, {@code ../shared}
 * beside the repository, or {@code /work/shared}. Fails loudly when none exists, so that a missing
 * folder never turns a conformance test into one that passes by running nothing.
 */
public final class SharedFiles {
  private SharedFiles() {}

  public static Path root() {
    String prop = System.getProperty("strata.shared");
    if (prop == null || prop.isBlank()) {
      prop = System.getenv("STRATA_SHARED");
    }
    if (prop != null && !prop.isBlank()) {
      return existing(Paths.get(prop));
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("conformance");
      if (p.getParent() != null && Files.isDirectory(candidate) && !p.equals(dir)) {
        return p.resolve("shared");
      }
      Path beside = p.getParent() == null ? null : p.getParent().resolve("shared");
      if (beside != null && Files.isDirectory(beside.resolve("conformance"))) {
        return beside;
      }
    }
    return existing(Paths.get("/work/shared"));
  }

  public static Path conformance() {
    return root().resolve("conformance");
  }

  private static Path existing(Path p) {
    if (!Files.isDirectory(p.resolve("conformance"))) {
      throw new IllegalStateException(
          "shared folder with conformance material not found at "
              + p
              + "; set -Dstrata.shared=/path/to/shared or STRATA_SHARED");
    }
    return p;
  }
}
