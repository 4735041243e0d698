package dev.strata.dialect.mysql;

import dev.strata.change.SchemaChange.AddTable;
import dev.strata.change.SchemaChange.DropTable;
import dev.strata.change.SchemaChange.ModifyTable;
import dev.strata.change.TableChange;
import dev.strata.model.ForeignKey;
import dev.strata.model.Table;
import dev.strata.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Dependency order for the planner. Algorithm: a stable topological sort (Kahn's algorithm that
 * always takes the earliest ready item in the input order); items left in a cycle keep their input
 * order and are returned separately as {@code cut} so that the caller can detach their foreign keys
 * first.
 */
final class MysqlOrder {
  private MysqlOrder() {}

  /** The sorted items and those that could only be placed by cutting a cycle. */
  record Sorted<T>(List<T> order, List<T> cut) {}

  /** Drops, referencing tables first; {@code cutFrom} lists tables in an FK cycle. */
  record Drops(List<DropTable> order, List<DropTable> cutFrom) {}

  /** Tables to create, referenced tables first. */
  static List<AddTable> creates(List<AddTable> adds) {
    return sort(
            adds,
            a -> a.schema() + "." + a.table().name(),
            (a, b) -> references(a.table(), b.table()))
        .order();
  }

  /** Table alterations, ordered so that a table's new foreign keys see their targets' changes. */
  static List<ModifyTable> modifies(List<ModifyTable> mods) {
    return sort(mods, m -> m.schema() + "." + m.to().name(), (a, b) -> addsReference(a, b.to()))
        .order();
  }

  /** Tables to drop, referencing tables first. */
  static Drops drops(List<DropTable> drops) {
    Sorted<DropTable> s =
        sort(
            drops,
            d -> d.schema() + "." + d.table().name(),
            (a, b) -> references(b.table(), a.table()));
    return new Drops(s.order(), s.cut());
  }

  /** Views, each after the views its definition names. */
  static List<View> views(List<View> views) {
    return sort(views, View::name, (a, b) -> mentions(a.definition(), b.name())).order();
  }

  private static boolean references(Table a, Table b) {
    if (a.name().equals(b.name())) {
      return false;
    }
    for (ForeignKey fk : a.foreignKeys()) {
      if (fk.refTable().equals(b.name())) {
        return true;
      }
    }
    return false;
  }

  private static boolean addsReference(ModifyTable m, Table target) {
    if (m.to().name().equals(target.name())) {
      return false;
    }
    for (TableChange c : m.changes()) {
      if (c instanceof TableChange.AddForeignKey a
          && a.foreignKey().refTable().equals(target.name())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(String definition, String name) {
    if (definition == null) {
      return false;
    }
    return Pattern.compile(
            "(?i)(^|[^A-Za-z0-9_$])`?" + Pattern.quote(name) + "`?($|[^A-Za-z0-9_$])")
        .matcher(definition)
        .find();
  }

  /**
   * Sorts {@code items} so that each comes after those it depends on ({@code dependsOn(a, b)}: a
   * needs b first).
   */
  static <T> Sorted<T> sort(List<T> items, Function<T, String> id, BiPredicate<T, T> dependsOn) {
    Map<String, T> byId = new LinkedHashMap<>();
    items.forEach(i -> byId.put(id.apply(i), i));
    List<T> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    boolean progress = true;
    while (progress && done.size() < byId.size()) {
      progress = false;
      for (T item : byId.values()) {
        String key = id.apply(item);
        if (done.contains(key)) {
          continue;
        }
        boolean ready = true;
        for (T other : byId.values()) {
          if (other != item && !done.contains(id.apply(other)) && dependsOn.test(item, other)) {
            ready = false;
            break;
          }
        }
        if (ready) {
          order.add(item);
          done.add(key);
          progress = true;
          break;
        }
      }
    }
    List<T> cut = new ArrayList<>();
    for (T item : byId.values()) {
      if (!done.contains(id.apply(item))) {
        cut.add(item);
        order.add(item);
      }
    }
    return new Sorted<>(order, cut);
  }
}
