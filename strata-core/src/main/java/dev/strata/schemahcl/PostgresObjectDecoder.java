package dev.strata.schemahcl;

import dev.strata.InputException;
import dev.strata.dialect.postgres.PostgresAttrs;
import dev.strata.hcl.Ast;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.SchemaObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes PostgreSQL's schema-level blocks ({@code enum}, {@code domain}, {@code sequence}, {@code
 * composite}, {@code function}, {@code procedure}, {@code extension}) into {@link SchemaObject}s,
 * normalised the way {@code PostgresInspector} reports them (defaults of sequences left null, a
 * {@code bigint} sequence type left null) so that a decoded file and an inspected database compare
 * equal.
 */
final class PostgresObjectDecoder {
  static final List<String> KINDS =
      List.of("enum", "domain", "sequence", "composite", "function", "procedure", "extension");

  private final DialectSpec spec;
  private final Evaluator eval;
  private final Catalog catalog;

  PostgresObjectDecoder(DialectSpec spec, Evaluator eval, Catalog catalog) {
    this.spec = spec;
    this.eval = eval;
    this.catalog = catalog;
  }

  SchemaObject decode(BlockReader r, String schema) {
    String name = r.block().labels().get(r.block().labels().size() - 1);
    Attrs comment = Attrs.of(PostgresAttrs.COMMENT, r.string("comment"));
    return switch (r.block().type()) {
      case "enum" -> {
        List<String> values = new ArrayList<>();
        for (Value v : r.list("values")) {
          values.add(BlockReader.asString("values", v));
        }
        yield new SchemaObject.EnumType(name, values, comment);
      }
      case "domain" -> {
        List<Check> checks = new ArrayList<>();
        for (Ast.Block b : r.blocks("check")) {
          BlockReader c = new BlockReader(b, spec.block("domain.check"), eval);
          checks.add(new Check(c.label(), TableDecoder.stripped(c, "expr"), c.extras()));
        }
        String dflt = r.value("default").map(SqlText::defaultExpr).orElse(null);
        yield new SchemaObject.DomainType(
            name,
            type(r.required("type"), schema),
            !r.bool("null", true),
            dflt,
            checks,
            comment.with(PostgresAttrs.COLLATE, r.string("collate")));
      }
      case "sequence" -> sequence(r, name, comment);
      case "composite" -> {
        List<Column> fields = new ArrayList<>();
        for (Ast.Block b : r.blocks("field")) {
          BlockReader f = new BlockReader(b, spec.block("composite.field"), eval);
          fields.add(new Column(f.label(), type(f.required("type"), schema), true));
        }
        yield new SchemaObject.CompositeType(name, fields, comment);
      }
      case "function", "procedure" -> routine(r, name, schema, comment);
      case "extension" -> new SchemaObject.Extension(name, r.string("version"), Attrs.EMPTY);
      default -> throw new IllegalStateException(r.block().type());
    };
  }

  /** A policy block and the schema it belongs to (its table's). */
  record DecodedPolicy(String schema, SchemaObject.Policy policy) {}

  /**
   * A {@code policy} block: {@code on} names the table; {@code as} is PERMISSIVE (the default) or
   * RESTRICTIVE; {@code for} is ALL (the default), SELECT, INSERT, UPDATE or DELETE; {@code to}
   * lists roles as words or strings ({@code PUBLIC}, the default, is everyone); {@code using} and
   * {@code check} are SQL expressions.
   */
  DecodedPolicy policy(BlockReader r) {
    String name = r.label();
    Catalog.Entry table = catalog.object(r.required("on"), List.of("table"));
    String as = r.word("as");
    boolean restrictive = false;
    if (as != null) {
      switch (as.toUpperCase(Locale.ROOT)) {
        case "PERMISSIVE" -> restrictive = false;
        case "RESTRICTIVE" -> restrictive = true;
        default ->
            throw new InputException(
                r.required("as").pos(), "as must be PERMISSIVE or RESTRICTIVE, not " + as);
      }
    }
    String cmd = r.word("for");
    if (cmd != null) {
      cmd = cmd.toUpperCase(Locale.ROOT);
      if (!List.of("ALL", "SELECT", "INSERT", "UPDATE", "DELETE").contains(cmd)) {
        throw new InputException(
            r.required("for").pos(),
            "for must be ALL, SELECT, INSERT, UPDATE or DELETE, not " + r.word("for"));
      }
    }
    List<String> roles = new ArrayList<>();
    for (Value v : r.list("to")) {
      String role;
      if (v instanceof Value.Ref ref) {
        role = ref.path().get(ref.path().size() - 1);
      } else {
        role = BlockReader.asWord("to", v);
      }
      roles.add(role.equalsIgnoreCase("PUBLIC") ? "PUBLIC" : role);
    }
    String using = r.has("using") ? TableDecoder.stripped(r, "using") : null;
    String check = r.has("check") ? TableDecoder.stripped(r, "check") : null;
    if (("INSERT".equals(cmd)) && using != null) {
      throw new InputException(r.required("using").pos(), "an INSERT policy takes only check");
    }
    if (("SELECT".equals(cmd) || "DELETE".equals(cmd)) && check != null) {
      throw new InputException(
          r.required("check").pos(), "a " + cmd + " policy takes only using, not check");
    }
    return new DecodedPolicy(
        table.schema(),
        new SchemaObject.Policy(
            table.name(),
            name,
            restrictive,
            cmd,
            roles,
            using,
            check,
            r.extras().with(PostgresAttrs.COMMENT, r.string("comment"))));
  }

  String type(Value v, String schema) {
    String ref = catalog.typeRef(v, schema);
    return ref != null ? ref : SqlText.type(v);
  }

  private static Long number(BlockReader r, String attr) {
    return r.value(attr)
        .map(
            v -> {
              if (v instanceof Value.Num n) {
                try {
                  return Long.parseLong(n.text());
                } catch (NumberFormatException e) {
                  throw new InputException(v.pos(), attr + " must be an integer");
                }
              }
              throw new InputException(v.pos(), attr + " must be a number");
            })
        .orElse(null);
  }

  private SchemaObject sequence(BlockReader r, String name, Attrs comment) {
    String type = r.has("type") ? SqlText.type(r.required("type")) : null;
    if (type != null) {
      type = type.toLowerCase(Locale.ROOT);
      type =
          switch (type) {
            case "int8", "bigint" -> null;
            case "int4", "int", "integer" -> "integer";
            case "int2", "smallint" -> "smallint";
            default -> type;
          };
    }
    Long inc = number(r, "increment");
    boolean up = inc == null || inc > 0;
    Long min = number(r, "min_value");
    Long max = number(r, "max_value");
    long typeMax =
        "smallint".equals(type)
            ? Short.MAX_VALUE
            : "integer".equals(type) ? Integer.MAX_VALUE : Long.MAX_VALUE;
    long typeMin =
        "smallint".equals(type)
            ? Short.MIN_VALUE
            : "integer".equals(type) ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long effMin = min != null ? min : up ? 1 : typeMin;
    long effMax = max != null ? max : up ? typeMax : -1;
    min = min != null && min == (up ? 1 : typeMin) ? null : min;
    max = max != null && max == (up ? typeMax : -1) ? null : max;
    Long start = number(r, "start");
    start = start != null && start == (up ? effMin : effMax) ? null : start;
    Long cache = number(r, "cache");
    String owner = null;
    if (r.has("owner")) {
      Catalog.ColumnRef c = catalog.column(r.required("owner"), null);
      owner = ident(c.table().name()) + "." + ident(c.column());
    }
    return new SchemaObject.Sequence(
        name,
        type,
        start,
        inc != null && inc == 1 ? null : inc,
        min,
        max,
        cache != null && cache == 1 ? null : cache,
        r.bool("cycle", false),
        owner,
        comment);
  }

  /** A PostgreSQL identifier, quoted unless it is a plain lower-case word. */
  static String ident(String name) {
    return name.matches("[a-z_][a-z0-9_$]*") ? name : SqlText.quoteIdent(name);
  }

  /**
   * A function or procedure. Its label is the model name with the identity argument types ({@code
   * "add(integer, integer)"}; {@code "()"} is appended to a bare name). {@code as} is either the
   * complete {@code CREATE} statement, kept verbatim (what the encoder writes), or, with {@code
   * lang}, {@code arg} blocks and {@code return}, the body that is composed into one.
   */
  private SchemaObject routine(BlockReader r, String label, String schema, Attrs comment) {
    boolean procedure = r.block().type().equals("procedure");
    String as = TableDecoder.stripped(r, "as");
    List<String> argTypes = new ArrayList<>();
    List<String> argDefs = new ArrayList<>();
    for (Ast.Block b : r.blocks("arg")) {
      BlockReader a = new BlockReader(b, spec.block("arg"), eval);
      String t = type(a.required("type"), schema);
      String mode = a.word("mode");
      String def = (mode == null ? "" : mode.toUpperCase(Locale.ROOT) + " ") + ident(a.label());
      def += " " + t;
      if (a.has("default")) {
        def += " DEFAULT " + SqlText.defaultExpr(a.required("default"));
      }
      if (mode == null || !mode.equalsIgnoreCase("out")) {
        argTypes.add(t);
      }
      argDefs.add(def);
    }
    String bare = label.contains("(") ? label.substring(0, label.indexOf('(')) : label;
    String name = label.contains("(") ? label : label + "(" + String.join(", ", argTypes) + ")";
    String definition;
    if (as.strip().toUpperCase(Locale.ROOT).startsWith("CREATE")) {
      for (String attr : List.of("lang", "return")) {
        if (r.has(attr)) {
          throw new InputException(
              r.required(attr).pos(), attr + " is not allowed when as is a CREATE statement");
        }
      }
      definition = as;
    } else {
      String lang = r.word("lang");
      if (lang == null) {
        throw new InputException(
            r.pos(), r.describe() + ": as is a body; give lang (or a full CREATE statement)");
      }
      StringBuilder sb =
          new StringBuilder("CREATE OR REPLACE ")
              .append(procedure ? "PROCEDURE " : "FUNCTION ")
              .append(ident(schema))
              .append('.')
              .append(ident(bare))
              .append('(')
              .append(String.join(", ", argDefs))
              .append(")\n");
      if (!procedure) {
        sb.append(" RETURNS ").append(type(r.required("return"), schema)).append('\n');
      }
      sb.append(" LANGUAGE ").append(lang.toLowerCase(Locale.ROOT)).append('\n');
      sb.append("AS $function$").append(as).append("$function$");
      definition = sb.toString();
    }
    return new SchemaObject.Routine(name, procedure, definition, comment);
  }
}
