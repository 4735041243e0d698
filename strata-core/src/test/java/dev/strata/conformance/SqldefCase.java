package dev.strata.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** One sqldef test case: its file, name, and the raw YAML fields. */
record SqldefCase(String file, String name, Map<String, Object> fields) {

  String current() {
    return text("current");
  }

  String desired() {
    return text("desired");
  }

  String text(String key) {
    Object v = fields.get(key);
    return v == null ? "" : v.toString();
  }

  boolean flag(String key, boolean dflt) {
    Object v = fields.get(key);
    return v instanceof Boolean b ? b : dflt;
  }

  String id() {
    return file + ":" + name;
  }

  /** All cases in the {@code *.yml} files of a sqldef dialect folder, in file and case order. */
  @SuppressWarnings("unchecked")
  static List<SqldefCase> load(Path dir) {
    List<SqldefCase> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(f));
        if (!(doc instanceof Map<?, ?> m)) {
          continue;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (e.getValue() instanceof Map<?, ?> fields) {
            out.add(
                new SqldefCase(
                    f.getFileName().toString(),
                    e.getKey().toString(),
                    (Map<String, Object>) fields));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
