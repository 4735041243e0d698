package dev.strata.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit list of conformance cases known to fail, one {@code file:Case: reason} per line
 * ({@code #} comments). A listed case that passes fails the build too, so the list stays honest.
 */
final class ExpectedFailures {
  private ExpectedFailures() {}

  static Map<String, String> load(String resource) {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = ExpectedFailures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int sep = l.indexOf(": ");
        if (sep < 0) {
          throw new IllegalStateException("bad line in " + resource + ": " + l);
        }
        out.put(l.substring(0, sep), l.substring(sep + 2));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
