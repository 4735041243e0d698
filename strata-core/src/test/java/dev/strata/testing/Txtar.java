package dev.strata.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a txtar archive: a comment (the script) followed by {@code -- name --} file sections. Used
 * to read Atlas's integration scripts as test data.
 */
public record Txtar(String script, Map<String, String> files) {
  public static Txtar read(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Txtar parse(String text) {
    StringBuilder script = new StringBuilder();
    Map<String, String> files = new LinkedHashMap<>();
    String current = null;
    StringBuilder body = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("-- ") && line.endsWith(" --") && line.length() > 6) {
        if (current != null) {
          files.put(current, body.toString());
        }
        current = line.substring(3, line.length() - 3).trim();
        body.setLength(0);
        continue;
      }
      if (current == null) {
        script.append(line).append('\n');
      } else {
        body.append(line).append('\n');
      }
    }
    if (current != null) {
      files.put(current, body.toString());
    }
    return new Txtar(script.toString(), files);
  }
}
