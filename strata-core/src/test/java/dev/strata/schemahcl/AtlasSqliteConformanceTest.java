package dev.strata.schemahcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.HclParser;
import dev.strata.model.Realm;
import dev.strata.testing.SharedFiles;
import dev.strata.testing.Txtar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Decodes every {@code .hcl} section of Atlas's SQLite integration scripts, and checks that each
 * decoded realm survives an encode/decode round trip. Sections are decoded one by one, except the
 * documents Atlas reads as several files ({@link #GROUPS}); {@code atlas.hcl} sections are project
 * files, not schemas, and are skipped. Variable values come from the script's environment ({@link
 * #VARS}), as Atlas would pass them.
 */
class AtlasSqliteConformanceTest {
  /** Documents made of several sections: txtar file → its groups of sections. */
  private static final Map<String, List<List<String>>> GROUPS =
      Map.of(
          "cli-apply-multifile.txtar", List.of(List.of("users.hcl", "schema.hcl")),
          "cli-apply-project-multifile.txtar",
              List.of(List.of("schema/vars.hcl", "schema/table.hcl", "schema/schema.hcl")),
          "cli-migrate-diff-multifile.txtar",
              List.of(List.of("schema/schema.hcl", "schema/table.hcl")),
          "cli-migrate-project-multifile.txtar", List.of(List.of("schema/1.hcl", "schema/2.hcl")),
          "cli-migrate-diff-datasrc-hcl-paths.txtar",
              List.of(List.of("schema-1.hcl", "schema-2.hcl")));

  /** Variable values the scripts give through atlas.hcl (env attributes or data source vars). */
  private static final Map<String, Map<String, String>> VARS =
      Map.of(
          "cli-apply-project-multifile.txtar", Map.of("def_val", "hello"),
          "cli-apply-vars.txtar", Map.of("def_val", "hello"),
          "cli-project-vars.txtar", Map.of("def_val", "hello"),
          "cli-migrate-diff-datasrc-hcl.txtar", Map.of("default_value", "unknown"),
          "cli-migrate-diff-datasrc-hcl-paths.txtar", Map.of("default_value", "unknown"));

  private static List<Path> scripts() throws IOException {
    try (Stream<Path> s = Files.list(SharedFiles.conformance().resolve("atlas/sqlite"))) {
      return s.filter(p -> p.toString().endsWith(".txtar")).sorted().toList();
    }
  }

  private static List<List<String>> documents(String script, Txtar txtar) {
    List<List<String>> docs = new ArrayList<>(GROUPS.getOrDefault(script, List.of()));
    Set<String> grouped = new HashSet<>();
    docs.forEach(grouped::addAll);
    for (String name : txtar.files().keySet()) {
      if (name.endsWith(".hcl") && !name.endsWith("atlas.hcl") && !grouped.contains(name)) {
        docs.add(List.of(name));
      }
    }
    return docs;
  }

  private static Realm decode(Txtar txtar, List<String> doc, Map<String, String> vars) {
    List<Ast.Body> files = new ArrayList<>();
    for (String name : doc) {
      files.add(HclParser.parse(txtar.files().get(name), name));
    }
    return SchemaHclDecoder.decode(files, vars, "sqlite");
  }

  @TestFactory
  List<DynamicTest> everySchemaSectionDecodesAndRoundTrips() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path path : scripts()) {
      String script = path.getFileName().toString();
      Txtar txtar = Txtar.read(path);
      for (List<String> doc : documents(script, txtar)) {
        tests.add(
            DynamicTest.dynamicTest(
                script + " " + doc,
                () -> {
                  Realm realm = decode(txtar, doc, VARS.getOrDefault(script, Map.of()));
                  String hcl = SchemaHclEncoder.encode(realm, "sqlite");
                  Realm again =
                      SchemaHclDecoder.decode(
                          List.of(HclParser.parse(hcl, "encoded.hcl")), Map.of(), "sqlite");
                  assertEquals(realm, again, hcl);
                }));
      }
    }
    assertTrue(tests.size() >= 38, "expected the Atlas SQLite scripts, found " + tests.size());
    return tests;
  }

  @Test
  void groupedSectionsExist() throws IOException {
    Map<String, Path> byName = new LinkedHashMap<>();
    for (Path p : scripts()) {
      byName.put(p.getFileName().toString(), p);
    }
    GROUPS.forEach(
        (script, groups) -> {
          Txtar txtar = Txtar.read(byName.get(script));
          groups.forEach(g -> g.forEach(f -> assertTrue(txtar.files().containsKey(f), f)));
        });
  }

  @Test
  void missingVariableIsReportedAsAtlasDoes() throws IOException {
    Txtar txtar =
        Txtar.read(SharedFiles.conformance().resolve("atlas/sqlite/cli-apply-vars.txtar"));
    assertTrue(txtar.script().contains("missing value for required variable \"def_val\""));
    InputException e =
        assertThrows(InputException.class, () -> decode(txtar, List.of("1.hcl"), Map.of()));
    assertEquals("1.hcl:1:1: missing value for required variable \"def_val\"", e.getMessage());
  }

  @Test
  void spotChecks() throws IOException {
    Path dir = SharedFiles.conformance().resolve("atlas/sqlite");
    Realm vars =
        decode(
            Txtar.read(dir.resolve("cli-apply-vars.txtar")),
            List.of("1.hcl"),
            Map.of("def_val", "hello"));
    assertEquals("'hello'", vars.schemas().get(0).tables().get(0).columns().get(1).defaultExpr());
    Realm options =
        decode(Txtar.read(dir.resolve("table-options.txtar")), List.of("1.hcl"), Map.of());
    assertTrue(options.schemas().get(0).tables().get(0).attrs().flag("without_rowid"));
    assertFalse(options.schemas().get(0).tables().get(1).attrs().flag("without_rowid"));
  }
}
