package dev.strata.dialect.postgres;

import dev.strata.dialect.InspectOptions;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PostgreSQL schemas in bulk. Algorithm: a fixed number of catalog queries — one per object
 * kind (schemas, tables, columns, constraints, index columns, views, triggers, sequences, enums,
 * domains, composite types, routines, extensions) for all schemas in scope at once — whose rows are
 * grouped by table oid or schema in memory; never one query per table. System schemas and objects
 * owned by extensions are skipped. Serial columns (a {@code nextval} default on a sequence owned by
 * the column) become {@code autoIncrement} columns and their sequences are hidden; sequences of
 * identity columns are hidden too.
 *
 * <p>Attribute keys (see {@link PostgresAttrs}) carry what the model has no field for.
 */
final class PostgresInspector {
  private final PostgresCatalog catalog;
  private final Connection conn;
  private final InspectOptions options;

  PostgresInspector(Connection conn, InspectOptions options) {
    this.conn = conn;
    this.options = options;
    this.catalog = new PostgresCatalog(conn, options);
  }

  /** Mutable parts of one table while its rows arrive. */
  static final class TableParts {
    final long oid;
    final String schema;
    final String name;
    final String comment;
    Attrs attrs;
    final List<Column> columns = new ArrayList<>();
    PrimaryKey primaryKey;
    final List<Index> indexes = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();

    TableParts(long oid, String schema, String name, String comment, Attrs attrs) {
      this.oid = oid;
      this.schema = schema;
      this.name = name;
      this.comment = comment;
      this.attrs = attrs;
    }

    Table build() {
      return new Table(name, columns, primaryKey, indexes, foreignKeys, checks, comment, attrs);
    }
  }

  Realm inspect() {
    List<String> schemas = new ArrayList<>();
    Map<String, String> schemaComments = new java.util.HashMap<>();
    catalog.query(
        "schemas",
        "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') AS comment FROM pg_namespace n"
            + " WHERE n.nspname <> 'information_schema'"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND "
            + PostgresCatalog.notInExtension("pg_namespace", "n.oid")
            + " ORDER BY n.nspname",
        rs -> {
          String s = rs.getString(1);
          if ((options.schemas().isEmpty() || options.schemas().contains(s))
              && !catalog.excludedSchema(s)) {
            schemas.add(s);
            String comment = rs.getString("comment");
            // PostgreSQL's own comment on the public schema of every new database is not the
            // user's: HCL or SQL that says nothing about it must not plan "COMMENT ... IS NULL"
            if (s.equals("public") && "standard public schema".equals(comment)) {
              comment = null;
            }
            schemaComments.put(s, comment);
          }
        });
    catalog.schemas(schemas);
    Map<Long, TableParts> tables = tables();
    PostgresObjectInspector objects = new PostgresObjectInspector(catalog);
    objects.sequences();
    new PostgresColumnInspector(catalog, objects).columns(tables);
    constraints(tables);
    new PostgresIndexInspector(catalog).indexes(tables);
    objects.inspectRest();
    List<Schema> out = new ArrayList<>();
    for (String s : schemas) {
      List<Table> ts = new ArrayList<>();
      for (TableParts t : tables.values()) {
        if (t.schema.equals(s)) {
          ts.add(t.build());
        }
      }
      out.add(
          new Schema(
              s,
              ts,
              objects.views(s),
              objects.triggers(s),
              objects.objects(s),
              Attrs.of(
                  PostgresAttrs.COMMENT,
                  schemaComments.get(s),
                  PostgresAttrs.HOLDS_EXCLUDED,
                  catalog.excludedObject(s))));
    }
    return new Realm(out);
  }

  private Map<Long, TableParts> tables() {
    Map<Long, TableParts> out = new LinkedHashMap<>();
    catalog.query(
        "tables",
        "SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity,"
            + " c.relforcerowsecurity, obj_description(c.oid, 'pg_class') AS comment,"
            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,"
            + " (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) FROM pg_inherits i"
            + " JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid ="
            + " pc.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition) AS parent,"
            + " pg_get_expr(c.relpartbound, c.oid) AS bound,"
            + " array_to_string(c.reloptions, ', ') AS options"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(?) AND "
            + PostgresCatalog.notInExtension("pg_class", "c.oid")
            + " ORDER BY n.nspname, c.relname",
        rs -> {
          String schema = rs.getString("nspname");
          String name = rs.getString("relname");
          if (catalog.excluded(schema, name)) {
            return;
          }
          Attrs a =
              Attrs.of(
                  PostgresAttrs.UNLOGGED,
                      "u".equals(rs.getString("relpersistence")) ? "true" : null,
                  PostgresAttrs.RLS, rs.getBoolean("relrowsecurity") ? "true" : null,
                  PostgresAttrs.RLS_FORCE, rs.getBoolean("relforcerowsecurity") ? "true" : null,
                  PostgresAttrs.PARTITION_BY, rs.getString("partkey"),
                  PostgresAttrs.PARTITION_OF, rs.getString("parent"),
                  PostgresAttrs.PARTITION_BOUND,
                      rs.getString("parent") == null ? null : rs.getString("bound"),
                  PostgresAttrs.WITH, emptyToNull(rs.getString("options")));
          long oid = rs.getLong("oid");
          out.put(oid, new TableParts(oid, schema, name, rs.getString("comment"), a));
        });
    return out;
  }

  private void constraints(Map<Long, TableParts> tables) {
    catalog.query(
        "constraints",
        "SELECT con.conrelid, con.conname, con.contype, con.confupdtype, con.confdeltype,"
            + " con.condeferrable, con.condeferred, con.convalidated, con.connoinherit,"
            + " pg_get_expr(con.conbin, con.conrelid) AS expr, pg_get_constraintdef(con.oid) AS def,"
            + " obj_description(con.oid, 'pg_constraint') AS comment,"
            + " array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN"
            + " pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o)::text[]"
            + " AS cols, fn.nspname AS refschema, fc.relname AS reftable,"
            + " array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN"
            + " pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text[]"
            + " AS refcols"
            + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_class fc ON fc.oid = con.confrelid"
            + " LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
            + " WHERE n.nspname = ANY(?) AND con.contype IN ('p', 'u', 'f', 'c', 'x')"
            + " AND con.conparentid = 0 AND (con.contype <> 'c' OR con.conislocal)"
            + " ORDER BY con.conrelid, con.conname",
        rs -> {
          TableParts t = tables.get(rs.getLong("conrelid"));
          if (t == null) {
            return;
          }
          String name = rs.getString("conname");
          List<String> cols = PostgresCatalog.strings(rs, "cols");
          String def = rs.getString("def");
          String comment = emptyToNull(rs.getString("comment"));
          Attrs deferral =
              deferral(rs.getBoolean("condeferrable"), rs.getBoolean("condeferred"))
                  .with(PostgresAttrs.COMMENT, comment);
          switch (rs.getString("contype")) {
            case "p" ->
                t.primaryKey =
                    new PrimaryKey(
                        name,
                        cols.stream().map(IndexPart::column).toList(),
                        Attrs.of(PostgresAttrs.COMMENT, comment));
            case "u" -> {
              Attrs a = deferral.with(PostgresAttrs.CONSTRAINT, "true");
              if (def.contains("NULLS NOT DISTINCT")) {
                a = a.with(PostgresAttrs.NULLS_NOT_DISTINCT, "true");
              }
              int inc = def.indexOf(" INCLUDE (");
              if (inc >= 0) {
                a = a.with(PostgresAttrs.INCLUDE, def.substring(inc + 10, def.indexOf(')', inc)));
              }
              t.indexes.add(
                  new Index(name, true, cols.stream().map(IndexPart::column).toList(), null, a));
            }
            case "f" ->
                t.foreignKeys.add(
                    new ForeignKey(
                        name,
                        cols,
                        rs.getString("refschema"),
                        rs.getString("reftable"),
                        PostgresCatalog.strings(rs, "refcols"),
                        action(rs.getString("confupdtype")),
                        action(rs.getString("confdeltype")),
                        rs.getBoolean("convalidated")
                            ? deferral
                            : deferral.with(PostgresAttrs.NOT_VALID, "true")));
            case "c" ->
                t.checks.add(
                    new Check(
                        name,
                        rs.getString("expr"),
                        Attrs.of(
                            PostgresAttrs.NO_INHERIT, rs.getBoolean("connoinherit") ? "true" : null,
                            PostgresAttrs.NOT_VALID, rs.getBoolean("convalidated") ? null : "true",
                            PostgresAttrs.COMMENT, comment)));
            case "x" ->
                t.checks.add(
                    new Check(
                        name,
                        def,
                        Attrs.of(PostgresAttrs.EXCLUSION, "true", PostgresAttrs.COMMENT, comment)));
            default ->
                throw new IllegalStateException("constraint type " + rs.getString("contype"));
          }
        });
  }

  private static Attrs deferral(boolean deferrable, boolean deferred) {
    if (!deferrable) {
      return Attrs.EMPTY;
    }
    return Attrs.of(
        PostgresAttrs.DEFERRABLE, deferred ? "INITIALLY DEFERRED" : "INITIALLY IMMEDIATE");
  }

  private static String action(String code) {
    return switch (code) {
      case "r" -> "RESTRICT";
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      default -> null;
    };
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  Connection connection() {
    return conn;
  }
}
