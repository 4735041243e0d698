package dev.strata.source;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.HclParser;
import dev.strata.model.Realm;
import dev.strata.schemahcl.SchemaHclDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads, parses and decodes HCL schema files into a (not yet normalised) realm. */
final class HclFiles {
  private HclFiles() {}

  static Realm decode(List<Path> files, Map<String, String> vars, String dialect) {
    List<Ast.Body> bodies = new ArrayList<>();
    for (Path f : files) {
      String src;
      try {
        src = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputException("reading " + f + ": " + e.getMessage(), e);
      }
      bodies.add(HclParser.parse(src, f.toString()));
    }
    return SchemaHclDecoder.decode(bodies, vars, dialect);
  }
}
