package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.hcl.Ast;
import dev.strata.hcl.HclParser;
import dev.strata.model.Attrs;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes Atlas HCL schema files into a {@link Realm}. All files form one document: a table in one
 * file may reference a schema or table in another. Decoding runs in two passes: the first declares
 * every schema, table (with its column names) and view, the second decodes the blocks and resolves
 * references against those declarations. Schemas, and the objects in each, keep the order in which
 * they first appear in the files.
 */
public final class SchemaHclDecoder {
  private final DialectSpec spec;
  private final Evaluator eval;
  private final Catalog catalog = new Catalog();

  private SchemaHclDecoder(List<Ast.Body> files, Map<String, String> vars, String dialect) {
    this.spec = DialectSpec.of(dialect);
    checkTopLevel(files);
    this.eval = new Evaluator(files, vars, spec);
  }

  /**
   * Decodes parsed files. {@code vars} gives values to {@code variable} blocks ({@code --var
   * name=value}); {@code dialect} is "sqlite", "postgres" or "mysql".
   */
  public static Realm decode(List<Ast.Body> files, Map<String, String> vars, String dialect) {
    return new SchemaHclDecoder(files, vars, dialect).run(files);
  }

  /** Parses and decodes sources, given as file name to text, in the map's order. */
  public static Realm decodeSources(
      Map<String, String> sources, Map<String, String> vars, String dialect) {
    List<Ast.Body> files = new ArrayList<>();
    sources.forEach((name, text) -> files.add(HclParser.parse(text, name)));
    return decode(files, vars, dialect);
  }

  private void checkTopLevel(List<Ast.Body> files) {
    BlockSpec top = spec.block("file");
    for (Ast.Body file : files) {
      for (Ast.Attribute a : file.attributes()) {
        throw new InputException(a.pos(), "unknown attribute \"" + a.name() + "\" at top level");
      }
      for (Ast.Block b : file.blocks()) {
        if (!top.blocks().contains(b.type())) {
          throw new InputException(b.pos(), "unknown block \"" + b.type() + "\"");
        }
      }
    }
  }

  private boolean mysqlObject(Ast.Block b) {
    return spec.name().equals("mysql") && MysqlObjectDecoder.KINDS.contains(b.type());
  }

  private BlockReader reader(Ast.Block b, String path) {
    return new BlockReader(b, spec.block(path), eval);
  }

  private Realm run(List<Ast.Body> files) {
    Map<String, Attrs> schemaAttrs = new LinkedHashMap<>();
    for (Ast.Body file : files) {
      for (Ast.Block b : file.blocks("schema")) {
        BlockReader r = reader(b, "schema");
        catalog.addSchema(r.label(), b.pos());
        schemaAttrs.put(r.label(), r.extras());
      }
    }
    // by identity: an entry's record hash would hash its whole block
    Map<Catalog.Entry, BlockReader> readers = new IdentityHashMap<>();
    for (Ast.Body file : files) {
      for (Ast.Block b :
          file.items().stream()
              .filter(Ast.Block.class::isInstance)
              .map(Ast.Block.class::cast)
              .filter(x -> List.of("table", "view", "materialized").contains(x.type()))
              .toList()) {
        BlockReader r = reader(b, b.type());
        Catalog.Entry e = declare(r);
        catalog.add(e);
        readers.put(e, r);
      }
    }
    // PostgreSQL types and other schema objects, declared before tables refer to their types
    List<Map.Entry<String, BlockReader>> objectReaders = new ArrayList<>();
    for (Ast.Body file : files) {
      for (Ast.Block b : file.blocks()) {
        if (mysqlObject(b) || PostgresObjectDecoder.KINDS.contains(b.type())) {
          BlockReader r = reader(b, b.type());
          String schema = schemaOf(r);
          if (Catalog.TYPE_KINDS.contains(b.type())) {
            catalog.addType(b.type(), schema, b.labels().get(b.labels().size() - 1));
          }
          objectReaders.add(Map.entry(schema, r));
        }
      }
    }
    Map<String, List<SchemaObject>> objects = new HashMap<>();
    Map<List<String>, Ast.Block> objectNames = new HashMap<>();
    PostgresObjectDecoder pgObjects = new PostgresObjectDecoder(spec, eval, catalog);
    for (var e : objectReaders) {
      SchemaObject o =
          mysqlObject(e.getValue().block())
              ? MysqlObjectDecoder.decode(e.getValue(), spec, eval)
              : pgObjects.decode(e.getValue(), e.getKey());
      Ast.Block first =
          objectNames.putIfAbsent(List.of(e.getKey(), o.kind(), o.name()), e.getValue().block());
      if (first != null) {
        throw new InputException(
            e.getValue().pos(), Evaluator.duplicate(o.kind(), o.name(), first.pos()));
      }
      objects.computeIfAbsent(e.getKey(), s -> new ArrayList<>()).add(o);
    }
    Map<String, List<Table>> tables = new HashMap<>();
    Map<String, List<View>> views = new HashMap<>();
    Map<String, List<Trigger>> triggers = new HashMap<>();
    TableDecoder tableDecoder = new TableDecoder(spec, eval, catalog);
    ObjectDecoder objectDecoder = new ObjectDecoder(spec, eval, catalog);
    for (Catalog.Entry e : catalog.entries("table")) {
      Table t = tableDecoder.decode(e, readers.get(e));
      tables.computeIfAbsent(e.schema(), s -> new ArrayList<>()).add(t);
    }
    for (Catalog.Entry e : catalog.entries("view", "materialized")) {
      View v = objectDecoder.view(e, readers.get(e));
      views.computeIfAbsent(e.schema(), s -> new ArrayList<>()).add(v);
    }
    Map<String, Ast.Block> triggerNames = new HashMap<>();
    for (Ast.Body file : files) {
      for (Ast.Block b : file.blocks("trigger")) {
        ObjectDecoder.Decoded d = objectDecoder.trigger(reader(b, "trigger"));
        Ast.Block first = triggerNames.putIfAbsent(d.schema() + "." + d.trigger().name(), b);
        if (first != null) {
          throw new InputException(
              b.pos(), Evaluator.duplicate("trigger", d.trigger().name(), first.pos()));
        }
        triggers.computeIfAbsent(d.schema(), s -> new ArrayList<>()).add(d.trigger());
      }
    }
    Map<String, Ast.Block> policyNames = new HashMap<>();
    for (Ast.Body file : files) {
      for (Ast.Block b : file.blocks("policy")) {
        PostgresObjectDecoder.DecodedPolicy d = pgObjects.policy(reader(b, "policy"));
        Ast.Block first = policyNames.putIfAbsent(d.schema() + "." + d.policy().name(), b);
        if (first != null) {
          throw new InputException(
              b.pos(), Evaluator.duplicate("policy", d.policy().policy(), first.pos()));
        }
        objects.computeIfAbsent(d.schema(), s -> new ArrayList<>()).add(d.policy());
      }
    }
    List<Schema> schemas = new ArrayList<>();
    for (var s : schemaAttrs.entrySet()) {
      String name = s.getKey();
      schemas.add(
          new Schema(
              name,
              tables.getOrDefault(name, List.of()),
              views.getOrDefault(name, List.of()),
              triggers.getOrDefault(name, List.of()),
              objects.getOrDefault(name, List.of()),
              s.getValue()));
    }
    return new Realm(schemas);
  }

  /**
   * The schema of a block with one label (its name) or two (schema and name), from its {@code
   * schema} attribute, its first label, or the only schema declared.
   */
  private String schemaOf(BlockReader r) {
    Ast.Block b = r.block();
    List<String> labels = b.labels();
    if (labels.isEmpty() || labels.size() > 2) {
      throw new InputException(
          b.pos(), b.type() + " block needs one label (its name) or two (schema and name)");
    }
    String schema = r.value("schema").map(catalog::schema).orElse(null);
    if (labels.size() == 2) {
      String label = labels.get(0);
      if (!catalog.schemaNames().contains(label)) {
        throw new InputException(b.pos(), "schema \"" + label + "\" not found");
      }
      if (schema != null && !schema.equals(label)) {
        throw new InputException(
            r.required("schema").pos(),
            "schema." + schema + " contradicts the label \"" + label + "\"");
      }
      schema = label;
    } else if (schema == null) {
      List<String> all = catalog.schemaNames();
      if (all.size() != 1) {
        String why = all.isEmpty() ? "no schema block declared" : all.size() + " schemas declared";
        throw new InputException(b.pos(), r.describe() + ": missing schema (" + why + ")");
      }
      schema = all.get(0);
    }
    return schema;
  }

  /** First pass over a table or view: its schema, name and column names. */
  private Catalog.Entry declare(BlockReader r) {
    Ast.Block b = r.block();
    List<String> labels = b.labels();
    if (labels.isEmpty() || labels.size() > 2) {
      throw new InputException(
          b.pos(), b.type() + " block needs one label (its name) or two (schema and name)");
    }
    String name = labels.get(labels.size() - 1);
    String schema = schemaOf(r);
    Map<String, Ast.Block> columns = new LinkedHashMap<>();
    for (Ast.Block c : b.body().blocks("column")) {
      if (c.labels().size() != 1) {
        throw new InputException(c.pos(), "column block needs exactly one label (its name)");
      }
      Ast.Block first = columns.putIfAbsent(c.labels().get(0), c);
      if (first != null) {
        throw new InputException(
            c.pos(), Evaluator.duplicate("column", c.labels().get(0), first.pos()));
      }
    }
    return new Catalog.Entry(b.type(), schema, name, b, List.copyOf(columns.keySet()));
  }
}
