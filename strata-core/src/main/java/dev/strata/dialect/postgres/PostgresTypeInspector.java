package dev.strata.dialect.postgres;

import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.SchemaObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads user-defined types, routines and extensions, one query per kind: enums with their labels in
 * sort order, domains and their checks, composite types and their fields, functions and procedures
 * ({@code name(identity arguments)} with {@code pg_get_functiondef}), and extensions.
 */
final class PostgresTypeInspector {
  private final PostgresCatalog catalog;
  private final BiConsumer<String, SchemaObject> sink;

  PostgresTypeInspector(PostgresCatalog catalog, BiConsumer<String, SchemaObject> sink) {
    this.catalog = catalog;
    this.sink = sink;
  }

  void inspect() {
    String typeFilter =
        " AND n.nspname = ANY(?) AND " + PostgresCatalog.notInExtension("pg_type", "t.oid");
    catalog.query(
        "enums",
        "SELECT n.nspname, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS vals,"
            + " obj_description(t.oid, 'pg_type') AS comment"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typtype = 'e'"
            + typeFilter
            + " GROUP BY n.nspname, t.typname, t.oid ORDER BY n.nspname, t.typname",
        rs ->
            sink.accept(
                rs.getString("nspname"),
                new SchemaObject.EnumType(
                    rs.getString("typname"),
                    PostgresCatalog.strings(rs, "vals"),
                    Attrs.of(PostgresAttrs.COMMENT, rs.getString("comment")))));
    Map<String, List<Check>> domainChecks = new LinkedHashMap<>();
    catalog.query(
        "domain checks",
        "SELECT n.nspname, t.typname, con.conname, pg_get_constraintdef(con.oid) AS def"
            + " FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid"
            + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE con.contype = 'c'"
            + typeFilter
            + " ORDER BY con.conname",
        rs -> {
          String def = rs.getString("def");
          boolean notValid = def.endsWith(" NOT VALID");
          String expr = notValid ? def.substring(0, def.length() - 10) : def;
          expr = expr.startsWith("CHECK ") ? expr.substring(6) : expr;
          domainChecks
              .computeIfAbsent(
                  rs.getString("nspname") + "." + rs.getString("typname"), k -> new ArrayList<>())
              .add(
                  new Check(
                      rs.getString("conname"),
                      expr,
                      Attrs.of(PostgresAttrs.NOT_VALID, notValid ? "true" : null)));
        });
    catalog.query(
        "domains",
        "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) AS base,"
            + " t.typnotnull, t.typdefault, obj_description(t.oid, 'pg_type') AS comment,"
            + " CASE WHEN t.typcollation <> bt.typcollation THEN quote_ident(co.collname) END"
            + " AS collation"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_type bt ON bt.oid = t.typbasetype"
            + " LEFT JOIN pg_collation co ON co.oid = t.typcollation"
            + " WHERE t.typtype = 'd'"
            + typeFilter
            + " ORDER BY n.nspname, t.typname",
        rs -> {
          String key = rs.getString("nspname") + "." + rs.getString("typname");
          sink.accept(
              rs.getString("nspname"),
              new SchemaObject.DomainType(
                  rs.getString("typname"),
                  rs.getString("base"),
                  rs.getBoolean("typnotnull"),
                  rs.getString("typdefault"),
                  domainChecks.getOrDefault(key, List.of()),
                  Attrs.of(
                      PostgresAttrs.COMMENT, rs.getString("comment"),
                      PostgresAttrs.COLLATE, rs.getString("collation"))));
        });
    composites();
    routines();
    catalog.query(
        "extensions",
        "SELECT n.nspname, e.extname, e.extversion FROM pg_extension e"
            + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = ANY(?)"
            + " ORDER BY e.extname",
        rs ->
            sink.accept(
                rs.getString("nspname"),
                new SchemaObject.Extension(
                    rs.getString("extname"), rs.getString("extversion"), Attrs.EMPTY)));
  }

  private void composites() {
    Map<String, List<Column>> fields = new LinkedHashMap<>();
    Map<String, String> schemaOf = new LinkedHashMap<>();
    Map<String, String> comments = new LinkedHashMap<>();
    catalog.query(
        "composite types",
        "SELECT n.nspname, t.typname, a.attname, format_type(a.atttypid, a.atttypmod) AS type,"
            + " obj_description(t.oid, 'pg_type') AS comment"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE t.typtype = 'c' AND n.nspname = ANY(?) AND "
            + PostgresCatalog.notInExtension("pg_type", "t.oid")
            + " ORDER BY n.nspname, t.typname, a.attnum",
        rs -> {
          String key = rs.getString("nspname") + "\u0000" + rs.getString("typname");
          schemaOf.put(key, rs.getString("nspname"));
          comments.put(key, rs.getString("comment"));
          fields
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Column(rs.getString("attname"), rs.getString("type"), true));
        });
    fields.forEach(
        (key, cols) ->
            sink.accept(
                schemaOf.get(key),
                new SchemaObject.CompositeType(
                    key.substring(key.indexOf('\u0000') + 1),
                    cols,
                    Attrs.of(PostgresAttrs.COMMENT, comments.get(key)))));
  }

  private void routines() {
    catalog.query(
        "routines",
        "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args,"
            + " p.prokind, pg_get_functiondef(p.oid) AS def,"
            + " obj_description(p.oid, 'pg_proc') AS comment"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY(?) AND "
            + PostgresCatalog.notInExtension("pg_proc", "p.oid")
            + " ORDER BY n.nspname, p.proname, args",
        rs -> {
          String schema = rs.getString("nspname");
          if (catalog.excluded(schema, rs.getString("proname"))) {
            return;
          }
          sink.accept(
              schema,
              new SchemaObject.Routine(
                  rs.getString("proname") + "(" + rs.getString("args") + ")",
                  "p".equals(rs.getString("prokind")),
                  rs.getString("def"),
                  Attrs.of(PostgresAttrs.COMMENT, rs.getString("comment"))));
        });
  }
}
