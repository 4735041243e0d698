package dev.strata.plan;

import dev.strata.diff.Differ;
import dev.strata.json.Json;
import dev.strata.model.Realm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stable SHA-256 of a realm, used as a plan's {@code fromHash} and {@code toHash}. The realm is
 * turned into its canonical JSON: records as objects with sorted keys and without null components,
 * lists whose order carries no meaning (schemas, tables, views, triggers, objects, indexes, foreign
 * keys, checks) sorted by their own canonical text, lists whose order matters (columns, key parts,
 * enum values) kept, and the user's {@code renamed_from} hints, which no database stores, dropped,
 * as are empty maps (no attributes). Two inspections of one database therefore hash alike whatever
 * order the catalog returned.
 */
public final class SchemaHash {
  /** Record components whose list order does not matter. */
  static final Set<String> UNORDERED =
      Set.of(
          "schemas", "tables", "views", "triggers", "objects", "indexes", "foreignKeys", "checks");

  private SchemaHash() {}

  /** The hash as 64 lower-case hex digits. */
  public static String of(Realm realm) {
    return sha256(canonicalJson(realm));
  }

  /** The canonical JSON the hash is computed over. */
  public static String canonicalJson(Realm realm) {
    return Json.write(canonical(RecordTree.toTree(realm), null));
  }

  /** SHA-256 of a text as hex. */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Object canonical(Object tree, String key) {
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.TreeMap<>();
      m.forEach(
          (k, v) -> {
            if (!Differ.RENAMED_FROM.equals(k) || !"values".equals(key)) {
              Object c = canonical(v, (String) k);
              if (!(c instanceof Map<?, ?> cm && cm.isEmpty())) {
                out.put((String) k, c);
              }
            }
          });
      return out;
    } else if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(canonical(v, null)));
      if (UNORDERED.contains(key)) {
        out.sort(java.util.Comparator.comparing(Json::write));
      }
      return out;
    }
    return tree;
  }
}
