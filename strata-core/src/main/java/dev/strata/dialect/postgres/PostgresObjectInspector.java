package dev.strata.dialect.postgres;

import dev.strata.model.Attrs;
import dev.strata.model.SchemaObject;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads everything in a schema that is not a table, one query per kind: sequences, views and
 * materialized views ({@code pg_get_viewdef}), triggers ({@code pg_get_triggerdef}), enums, domains
 * (with their checks), composite types, functions and procedures ({@code pg_get_functiondef}),
 * extensions and row-level security policies ({@code pg_policy}). Objects owned by extensions are
 * skipped, and so are sequences owned by identity columns or claimed by serial columns.
 */
final class PostgresObjectInspector {
  private final PostgresCatalog catalog;
  private final Map<String, List<View>> views = new LinkedHashMap<>();
  private final Map<String, List<Trigger>> triggers = new LinkedHashMap<>();
  private final Map<String, List<SchemaObject>> objects = new LinkedHashMap<>();
  private final Map<String, SchemaObject.Sequence> sequences = new LinkedHashMap<>();
  private final Map<String, String> seqSchema = new LinkedHashMap<>();
  private final Map<String, String> ownerOf = new LinkedHashMap<>();
  private final Set<String> claimed = new HashSet<>();

  PostgresObjectInspector(PostgresCatalog catalog) {
    this.catalog = catalog;
  }

  List<View> views(String schema) {
    return views.getOrDefault(schema, List.of());
  }

  List<Trigger> triggers(String schema) {
    return triggers.getOrDefault(schema, List.of());
  }

  /** The schema's objects: unclaimed sequences first, then the other kinds. */
  List<SchemaObject> objects(String schema) {
    List<SchemaObject> out = new ArrayList<>();
    sequences.forEach(
        (key, seq) -> {
          if (seqSchema.get(key).equals(schema) && !claimed.contains(key)) {
            out.add(seq);
          }
        });
    out.addAll(objects.getOrDefault(schema, List.of()));
    return out;
  }

  private void add(String schema, SchemaObject o) {
    objects.computeIfAbsent(schema, k -> new ArrayList<>()).add(o);
  }

  /**
   * Claims the sequence named in a column's {@code nextval} default when the column owns it;
   * returns whether the column is therefore a serial column.
   */
  boolean claimSerial(long tableOid, int attnum, String seqName) {
    if (seqName == null) {
      return false;
    }
    String owner = tableOid + ":" + attnum;
    for (Map.Entry<String, String> e : ownerOf.entrySet()) {
      String key = e.getKey();
      String bare = key.substring(key.indexOf('.') + 1);
      boolean sameName =
          seqName.equals(key)
              || seqName.equals(PostgresSql.ident(bare))
              || seqName.equals(PostgresSql.qualified(seqSchema.get(key), bare));
      if (sameName && e.getValue().equals(owner)) {
        claimed.add(key);
        return true;
      }
    }
    return false;
  }

  void sequences() {
    catalog.query(
        "sequences",
        "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type, s.seqstart,"
            + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.refobjid,"
            + " d.refobjsubid, d.deptype, oc.relname AS owner_table, oa.attname AS owner_column,"
            + " obj_description(c.oid, 'pg_class') AS comment"
            + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN LATERAL (SELECT * FROM pg_depend d WHERE d.classid ="
            + " 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
            + " AND d.deptype IN ('a', 'i') LIMIT 1) d ON true"
            + " LEFT JOIN pg_class oc ON oc.oid = d.refobjid"
            + " LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid"
            + " WHERE n.nspname = ANY(?) AND "
            + PostgresCatalog.notInExtension("pg_class", "c.oid")
            + " ORDER BY n.nspname, c.relname",
        rs -> {
          String schema = rs.getString("nspname");
          String name = rs.getString("relname");
          if ("i".equals(rs.getString("deptype")) || catalog.excluded(schema, name)) {
            return;
          }
          String key = schema + "." + name;
          String type = rs.getString("type");
          long inc = rs.getLong("seqincrement");
          long min = rs.getLong("seqmin");
          long max = rs.getLong("seqmax");
          long typeMax =
              switch (type) {
                case "smallint" -> Short.MAX_VALUE;
                case "integer" -> Integer.MAX_VALUE;
                default -> Long.MAX_VALUE;
              };
          long typeMin =
              switch (type) {
                case "smallint" -> Short.MIN_VALUE;
                case "integer" -> Integer.MIN_VALUE;
                default -> Long.MIN_VALUE;
              };
          long dfltMin = inc > 0 ? 1 : typeMin;
          long dfltMax = inc > 0 ? typeMax : -1;
          long start = rs.getLong("seqstart");
          String ownedBy = null;
          if ("a".equals(rs.getString("deptype"))) {
            ownedBy =
                PostgresSql.ident(rs.getString("owner_table"))
                    + "."
                    + PostgresSql.ident(rs.getString("owner_column"));
            ownerOf.put(key, rs.getLong("refobjid") + ":" + rs.getInt("refobjsubid"));
          }
          seqSchema.put(key, schema);
          sequences.put(
              key,
              new SchemaObject.Sequence(
                  name,
                  type.equals("bigint") ? null : type,
                  start == (inc > 0 ? min : max) ? null : start,
                  inc == 1 ? null : inc,
                  min == dfltMin ? null : min,
                  max == dfltMax ? null : max,
                  rs.getLong("seqcache") == 1 ? null : rs.getLong("seqcache"),
                  rs.getBoolean("seqcycle"),
                  ownedBy,
                  Attrs.of(PostgresAttrs.COMMENT, rs.getString("comment"))));
        });
  }

  /** Views, triggers, types, routines and extensions. */
  void inspectRest() {
    catalog.query(
        "views",
        "SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid) AS def,"
            + " obj_description(c.oid, 'pg_class') AS comment,"
            + " array_to_string(c.reloptions, ', ') AS options,"
            + " (SELECT string_agg(pg_get_indexdef(i.indexrelid), E';\\n' ORDER BY ic.relname)"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " WHERE i.indrelid = c.oid) AS indexes"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(?) AND "
            + PostgresCatalog.notInExtension("pg_class", "c.oid")
            + " ORDER BY n.nspname, c.relname",
        rs -> {
          String schema = rs.getString("nspname");
          if (catalog.excluded(schema, rs.getString("relname"))) {
            return;
          }
          Attrs a =
              Attrs.of(
                  PostgresAttrs.MATERIALIZED,
                  "m".equals(rs.getString("relkind")) ? "true" : null,
                  PostgresAttrs.WITH,
                  PostgresInspector.emptyToNull(rs.getString("options")),
                  PostgresAttrs.VIEW_INDEXES,
                  rs.getString("indexes"));
          views
              .computeIfAbsent(schema, k -> new ArrayList<>())
              .add(
                  new View(
                      rs.getString("relname"), rs.getString("def"), rs.getString("comment"), a));
        });
    catalog.query(
        "triggers",
        "SELECT n.nspname, c.relname, t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) AS def,"
            + " obj_description(t.oid, 'pg_trigger') AS comment"
            + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY(?)"
            + " ORDER BY n.nspname, c.relname, t.tgname",
        rs -> {
          String schema = rs.getString("nspname");
          if (catalog.excluded(schema, rs.getString("relname"))) {
            return;
          }
          String enabled = rs.getString("tgenabled");
          triggers
              .computeIfAbsent(schema, k -> new ArrayList<>())
              .add(
                  new Trigger(
                      rs.getString("tgname"),
                      rs.getString("relname"),
                      rs.getString("def"),
                      Attrs.of(
                          PostgresAttrs.ENABLED,
                          "O".equals(enabled) ? null : enabled,
                          PostgresAttrs.COMMENT,
                          rs.getString("comment"))));
        });
    new PostgresTypeInspector(catalog, this::add).inspect();
    policies();
  }

  /** Row-level security policies of all tables in scope, in one query. */
  private void policies() {
    catalog.query(
        "policies",
        "SELECT n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd,"
            + " array(SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END"
            + " FROM unnest(p.polroles) r ORDER BY 1)::text[] AS roles,"
            + " pg_get_expr(p.polqual, p.polrelid) AS qual,"
            + " pg_get_expr(p.polwithcheck, p.polrelid) AS withcheck,"
            + " obj_description(p.oid, 'pg_policy') AS comment"
            + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ANY(?) ORDER BY n.nspname, c.relname, p.polname",
        rs -> {
          String schema = rs.getString("nspname");
          String table = rs.getString("relname");
          if (catalog.excluded(schema, table)) {
            return;
          }
          String cmd =
              switch (rs.getString("polcmd")) {
                case "r" -> "SELECT";
                case "a" -> "INSERT";
                case "w" -> "UPDATE";
                case "d" -> "DELETE";
                default -> "ALL";
              };
          add(
              schema,
              new SchemaObject.Policy(
                  table,
                  rs.getString("polname"),
                  !rs.getBoolean("polpermissive"),
                  cmd,
                  PostgresCatalog.strings(rs, "roles"),
                  rs.getString("qual"),
                  rs.getString("withcheck"),
                  Attrs.of(PostgresAttrs.COMMENT, rs.getString("comment"))));
        });
  }
}
