package dev.strata.source;

import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Normalises a large SQLite schema on several small dev databases instead of one.
 *
 * <p>Why: SQLite re-reads its schema table after every DDL statement with a full scan ({@code
 * OP_ParseSchema}), so creating n objects in one database costs O(n²); 2,000 tables (6,000
 * statements) take seconds. Tables are independent for SQLite's normalisation (a foreign key may
 * name a table that does not exist yet), so a schema made only of tables is cut into shards of
 * {@link #SHARD_TABLES} tables, each shard is applied to its own in-memory database and inspected,
 * and the shards are merged the way one inspection would have returned them: tables ordered by name
 * (SQLite's BINARY order, i.e. code point order) and foreign keys that name no columns completed
 * with the referenced table's primary key. Views and triggers may read any table, so a schema with
 * any of them is normalised in one database as before.
 */
final class DevShards {
  /** Tables per dev database: small enough that the quadratic part stays negligible. */
  static final int SHARD_TABLES = 200;

  private DevShards() {}

  /** Whether {@code decoded} is large and made only of tables, so that sharding applies. */
  static boolean applies(String dialect, Realm decoded, int shardTables) {
    if (!dialect.equals("sqlite") || decoded.schemas().size() != 1) {
      return false;
    }
    Schema s = decoded.schemas().get(0);
    return s.tables().size() > shardTables
        && s.views().isEmpty()
        && s.triggers().isEmpty()
        && s.objects().isEmpty();
  }

  /** Normalises each shard of {@code shardTables} tables with {@code normalize}; merges them. */
  static Realm normalize(Realm decoded, int shardTables, Function<Realm, Realm> normalize) {
    Schema s = decoded.schemas().get(0);
    List<Table> tables = s.tables();
    List<Table> inspected = new ArrayList<>();
    Schema first = null;
    for (int from = 0; from < tables.size(); from += shardTables) {
      List<Table> part = tables.subList(from, Math.min(tables.size(), from + shardTables));
      Realm shard = new Realm(List.of(new Schema(s.name(), part, List.of(), List.of(), s.attrs())));
      for (Schema done : normalize.apply(shard).schemas()) {
        first = first == null ? done : first;
        inspected.addAll(done.tables());
      }
    }
    if (first == null) {
      return new Realm(List.of());
    }
    inspected.sort(Comparator.comparing(Table::name, DevShards::compareCodePoints));
    Map<String, Table> byName = new LinkedHashMap<>();
    inspected.forEach(t -> byName.put(t.name(), t));
    List<Table> merged = new ArrayList<>();
    for (Table t : inspected) {
      merged.add(dev.strata.dialect.sqlite.SqliteInspector.resolveForeignKeys(t, byName));
    }
    return new Realm(
        List.of(new Schema(first.name(), merged, first.views(), first.triggers(), first.attrs())));
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
