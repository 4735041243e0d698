package dev.strata.dialect.postgres;

import dev.strata.dialect.postgres.PostgresInspector.TableParts;
import dev.strata.model.Attrs;
import dev.strata.model.Column;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the columns of all tables in scope with one query: {@code format_type} types, NOT NULL,
 * {@code pg_get_expr} defaults, identity (with its sequence's start and increment), STORED
 * generated expressions, non-default collations and comments. A default {@code
 * nextval('seq'::regclass)} on a sequence owned by the same column makes a serial column: {@code
 * autoIncrement} without a default, and the sequence is hidden from the schema's objects.
 */
final class PostgresColumnInspector {
  private static final Pattern NEXTVAL =
      Pattern.compile("nextval\\('(.+)'::regclass\\)", Pattern.DOTALL);

  private final PostgresCatalog catalog;
  private final PostgresObjectInspector objects;

  PostgresColumnInspector(PostgresCatalog catalog, PostgresObjectInspector objects) {
    this.catalog = catalog;
    this.objects = objects;
  }

  void columns(Map<Long, TableParts> tables) {
    catalog.query(
        "columns",
        "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type,"
            + " a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid) AS dflt, a.attidentity,"
            + " a.attgenerated, a.attislocal, c.relispartition,"
            + " CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN"
            + " CASE WHEN con.nspname = 'pg_catalog' THEN quote_ident(co.collname) ELSE"
            + " quote_ident(con.nspname) || '.' || quote_ident(co.collname) END END AS collation,"
            + " col_description(a.attrelid, a.attnum) AS comment,"
            + " CASE WHEN a.attidentity <> '' THEN (SELECT s.seqstart::text || ' ' ||"
            + " s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid"
            + " WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid"
            + " AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass"
            + " AND dep.deptype = 'i') END AS identity_seq"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type t ON t.oid = a.atttypid"
            + " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + " LEFT JOIN pg_namespace con ON con.oid = co.collnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND n.nspname = ANY(?)"
            + " ORDER BY a.attrelid, a.attnum",
        rs -> {
          TableParts t = tables.get(rs.getLong("attrelid"));
          if (t == null || (rs.getBoolean("relispartition") && !rs.getBoolean("attislocal"))) {
            return;
          }
          String name = rs.getString("attname");
          String dflt = rs.getString("dflt");
          boolean serial = false;
          Column.Generated generated = null;
          if ("s".equals(rs.getString("attgenerated"))) {
            generated = new Column.Generated(dflt, "STORED");
            dflt = null;
          } else if (dflt != null
              && objects.claimSerial(t.oid, rs.getInt("attnum"), nextval(dflt))) {
            serial = true;
            dflt = null;
          }
          Attrs a = Attrs.EMPTY;
          String identity = rs.getString("attidentity");
          if ("a".equals(identity) || "d".equals(identity)) {
            String[] seq = rs.getString("identity_seq").split(" ");
            long start = Long.parseLong(seq[0]);
            long inc = Long.parseLong(seq[1]);
            long min = Long.parseLong(seq[2]);
            long max = Long.parseLong(seq[3]);
            String type = rs.getString("type");
            long typeMax =
                type.equals("smallint")
                    ? Short.MAX_VALUE
                    : type.equals("integer") ? Integer.MAX_VALUE : Long.MAX_VALUE;
            long typeMin =
                type.equals("smallint")
                    ? Short.MIN_VALUE
                    : type.equals("integer") ? Integer.MIN_VALUE : Long.MIN_VALUE;
            a =
                Attrs.of(
                    PostgresAttrs.IDENTITY_MIN,
                        min == (inc > 0 ? 1 : typeMin) ? null : Long.toString(min),
                    PostgresAttrs.IDENTITY_MAX,
                        max == (inc > 0 ? typeMax : -1) ? null : Long.toString(max),
                    PostgresAttrs.IDENTITY, "a".equals(identity) ? "ALWAYS" : "BY DEFAULT",
                    PostgresAttrs.IDENTITY_START,
                        start == (inc > 0 ? min : max) ? null : Long.toString(start),
                    PostgresAttrs.IDENTITY_INCREMENT, inc == 1 ? null : Long.toString(inc));
          }
          t.columns.add(
              new Column(
                  name,
                  rs.getString("type"),
                  !rs.getBoolean("attnotnull"),
                  dflt,
                  serial,
                  generated,
                  rs.getString("collation"),
                  rs.getString("comment"),
                  a));
        });
  }

  /** The sequence name in a {@code nextval('name'::regclass)} default, or null. */
  static String nextval(String dflt) {
    Matcher m = NEXTVAL.matcher(dflt.strip());
    return m.matches() ? m.group(1).replace("''", "'") : null;
  }
}
