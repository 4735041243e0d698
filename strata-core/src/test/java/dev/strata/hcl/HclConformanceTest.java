package dev.strata.hcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.testing.SharedFiles;
import dev.strata.testing.Txtar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code .hcl} section of Atlas's integration scripts must parse, format idempotently, and
 * keep its tree through formatting. Atlas's test runner expands {@code $db}, {@code $charset} and
 * {@code $collate} before it reads a file; so does this test.
 */
class HclConformanceTest {
  private static final Map<String, String> VARS =
      Map.of("db", "script_test", "charset", "utf8mb4", "collate", "utf8mb4_bin");

  static List<Arguments> sections() {
    Path root = SharedFiles.conformance().resolve("atlas");
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path txtar : files.filter(p -> p.toString().endsWith(".txtar")).sorted().toList()) {
        for (Map.Entry<String, String> file : Txtar.read(txtar).files().entrySet()) {
          if (file.getKey().endsWith(".hcl")) {
            String name = root.relativize(txtar) + "/" + file.getKey();
            out.add(Arguments.of(name, expand(file.getValue())));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String expand(String text) {
    return Pattern.compile("\\$(db|charset|collate)\\b")
        .matcher(text)
        .replaceAll(m -> VARS.get(m.group(1)));
  }

  @Test
  void findsSections() {
    assertTrue(sections().size() > 100, "found " + sections().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sections")
  void parsesFormatsAndKeepsTree(String name, String source) {
    Ast.Body parsed = HclParser.parse(source, name);
    String formatted = HclFormatter.format(source, name);
    assertEquals(formatted, HclFormatter.format(formatted, name), "format is idempotent");
    assertEquals(TreeDump.body(parsed), TreeDump.body(HclParser.parse(formatted, name)));
  }
}
