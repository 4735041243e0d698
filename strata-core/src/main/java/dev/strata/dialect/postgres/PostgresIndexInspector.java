package dev.strata.dialect.postgres;

import dev.strata.dialect.postgres.PostgresInspector.TableParts;
import dev.strata.model.Attrs;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads all indexes in scope with one query that returns one row per index column ({@code
 * generate_series} over {@code indnatts}): the key part is the column name or the expression text
 * of {@code pg_get_indexdef(index, n, true)}; {@code indoption} bits give DESC and NULLS FIRST;
 * non-default operator classes, the access method, INCLUDE columns (parts past {@code
 * indnkeyatts}), {@code NULLS NOT DISTINCT}, storage parameters and the partial predicate are kept
 * as attributes, and so is an index marked invalid (a failed concurrent build), which therefore
 * never matches a desired index and is rebuilt. Indexes that back constraints (primary keys, unique
 * and exclusion constraints) and partition indexes attached to a parent index are left out: they
 * are created with their owners.
 */
final class PostgresIndexInspector {
  private final PostgresCatalog catalog;

  PostgresIndexInspector(PostgresCatalog catalog) {
    this.catalog = catalog;
  }

  /** One index while its part rows arrive. */
  private static final class Building {
    final TableParts table;
    final String name;
    final boolean unique;
    final String where;
    Attrs attrs;
    final List<IndexPart> parts = new ArrayList<>();
    final List<String> include = new ArrayList<>();

    Building(TableParts table, String name, boolean unique, String where, Attrs attrs) {
      this.table = table;
      this.name = name;
      this.unique = unique;
      this.where = where;
      this.attrs = attrs;
    }

    void finish() {
      Attrs a =
          include.isEmpty() ? attrs : attrs.with(PostgresAttrs.INCLUDE, String.join(", ", include));
      table.indexes.add(new Index(name, unique, parts, where, a));
    }
  }

  void indexes(Map<Long, TableParts> tables) {
    Building[] current = {null};
    catalog.query(
        "indexes",
        "SELECT i.indrelid, ic.relname AS name, i.indisunique, i.indisvalid, i.indnkeyatts,"
            + " am.amname, obj_description(ic.oid, 'pg_class') AS comment,"
            + " pg_get_expr(i.indpred, i.indrelid) AS pred,"
            + " array_to_string(ic.reloptions, ', ') AS options, "
            // NULLS NOT DISTINCT exists from PostgreSQL 15 on
            + (catalog.serverMajor() >= 15
                ? "i.indnullsnotdistinct,"
                : "false AS indnullsnotdistinct,")
            + " k.n, ia.attname, CASE WHEN i.indkey[k.n - 1] = 0"
            + " THEN pg_get_indexdef(i.indexrelid, k.n, true) ELSE quote_ident(ia.attname) END AS part,"
            + " i.indoption[k.n - 1] AS opt, oc.opcname, oc.opcdefault, ocn.nspname AS opcschema"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " JOIN pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_am am ON am.oid = ic.relam"
            + " CROSS JOIN LATERAL generate_series(1, i.indnatts) k(n)"
            + " LEFT JOIN pg_attribute ia ON ia.attrelid = i.indrelid"
            + " AND ia.attnum = i.indkey[k.n - 1] AND ia.attnum > 0"
            + " LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k.n - 1]"
            + " LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid"
            + " AND x.conrelid = i.indrelid AND x.contype IN ('p', 'u', 'x'))"
            + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)"
            + " ORDER BY i.indrelid, ic.relname, k.n",
        rs -> {
          TableParts t = tables.get(rs.getLong("indrelid"));
          if (t == null) {
            return;
          }
          String name = rs.getString("name");
          if (current[0] == null || current[0].table != t || !current[0].name.equals(name)) {
            if (current[0] != null) {
              current[0].finish();
            }
            String method = rs.getString("amname");
            current[0] =
                new Building(
                    t,
                    name,
                    rs.getBoolean("indisunique"),
                    rs.getString("pred"),
                    Attrs.of(
                        PostgresAttrs.METHOD, "btree".equals(method) ? null : method,
                        PostgresAttrs.WITH, PostgresInspector.emptyToNull(rs.getString("options")),
                        PostgresAttrs.NULLS_NOT_DISTINCT,
                            rs.getBoolean("indnullsnotdistinct") ? "true" : null,
                        PostgresAttrs.INVALID, rs.getBoolean("indisvalid") ? null : "true",
                        PostgresAttrs.COMMENT,
                            PostgresInspector.emptyToNull(rs.getString("comment"))));
          }
          Building b = current[0];
          String column = rs.getString("attname");
          String part = rs.getString("part");
          if (rs.getInt("n") > rs.getInt("indnkeyatts")) {
            b.include.add(part);
            return;
          }
          int opt = rs.getInt("opt");
          boolean desc = (opt & 1) != 0;
          boolean nullsFirst = (opt & 2) != 0;
          String opclass = null;
          if (rs.getString("opcname") != null && !rs.getBoolean("opcdefault")) {
            String schema = rs.getString("opcschema");
            opclass =
                "pg_catalog".equals(schema)
                    ? PostgresSql.ident(rs.getString("opcname"))
                    : PostgresSql.qualified(schema, rs.getString("opcname"));
          }
          Attrs pa =
              Attrs.of(
                  PostgresAttrs.OPCLASS, opclass,
                  PostgresAttrs.NULLS_FIRST, !desc && nullsFirst ? "true" : null,
                  PostgresAttrs.NULLS_LAST, desc && !nullsFirst ? "true" : null);
          b.parts.add(
              column != null
                  ? new IndexPart(column, null, desc, pa)
                  : new IndexPart(null, part, desc, pa));
        });
    if (current[0] != null) {
      current[0].finish();
    }
  }
}
