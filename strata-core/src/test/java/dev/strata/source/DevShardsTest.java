package dev.strata.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.apply.Executor;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.InspectOptions;
import dev.strata.diff.Differ;
import dev.strata.model.Realm;
import dev.strata.model.Table;
import dev.strata.plan.Plan;
import dev.strata.schemahcl.SchemaHclDecoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevShardsTest {
  private final Dialect sqlite = dev.strata.Strata.dialectFor(DbUrl.parse("sqlite://x.db"));

  /** What the loader does with one dev database. */
  private Realm normalize(Realm decoded) {
    try (DevDatabase dev = sqlite.openDev(null, null)) {
      Realm empty = sqlite.inspect(dev.connection(), InspectOptions.ALL);
      Plan plan =
          sqlite
              .planner()
              .plan(new Differ(sqlite.diffHooks()).diff(empty, decoded), empty, decoded);
      new Executor(sqlite, null).apply(dev.connection(), plan);
      return sqlite.inspect(dev.connection(), InspectOptions.ALL);
    }
  }

  private static Realm decode(String hcl) {
    return SchemaHclDecoder.decodeSources(Map.of("s.hcl", hcl), Map.of(), "sqlite");
  }

  private static String tables(int n) {
    StringBuilder sb = new StringBuilder("schema \"main\" {\n}\n");
    String[] names = {"t%d", "T_%d", "_u%d", "Zé%d", "a b %d"};
    for (int i = 0; i < n; i++) {
      String name = names[i % names.length].formatted(i);
      sb.append("table \"").append(name).append("\" {\n  schema = schema.main\n");
      sb.append("  column \"id\" {\n    type = integer\n  }\n");
      sb.append("  column \"p\" {\n    null = true\n    type = integer\n  }\n");
      sb.append("  column \"name\" {\n    type = varchar(20)\n    default = \"x\"\n  }\n");
      sb.append("  primary_key {\n    columns = [column.id]\n  }\n");
      sb.append("  index \"").append(name).append("_name\" {\n    columns = [column.name]\n  }\n");
      if (i > 0) {
        String parent = names[(i * 7) % i % names.length].formatted((i * 7) % i);
        sb.append("  foreign_key \"fk")
            .append(i)
            .append("\" {\n    columns = [column.p]\n    ref_columns = [table[\"")
            .append(parent)
            .append("\"].column.id]\n  }\n");
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  @Test
  void shardedNormalisationEqualsOneDatabase() {
    Realm decoded = decode(tables(23));
    assertTrue(DevShards.applies("sqlite", decoded, 5));
    Realm sharded = DevShards.normalize(decoded, 5, this::normalize);
    assertEquals(normalize(decoded), sharded);
    assertEquals(23, sharded.schemas().get(0).tables().size());
  }

  @Test
  void foreignKeysWithoutColumnsAreCompletedAcrossShards() {
    Realm decoded = decode(tables(4));
    Realm one =
        DevShards.normalize(
            decoded,
            2,
            r -> {
              try (DevDatabase dev = sqlite.openDev(null, null)) {
                for (Table t : r.schemas().get(0).tables()) {
                  String fk = t.name().equals("_u2") ? ", p integer references t0" : "";
                  exec(dev, "CREATE TABLE \"" + t.name() + "\" (id integer primary key" + fk + ")");
                }
                return sqlite.inspect(dev.connection(), InspectOptions.ALL);
              }
            });
    Table child = one.schemas().get(0).table("_u2").orElseThrow();
    assertEquals(java.util.List.of("id"), child.foreignKeys().get(0).refColumns());
  }

  @Test
  void smallSchemasAndSchemasWithViewsAreNotSharded() {
    assertFalse(DevShards.applies("sqlite", decode(tables(5)), 5));
    assertFalse(DevShards.applies("postgres", decode(tables(6)), 5));
    String view = "view \"v\" {\n  schema = schema.main\n  as = \"SELECT 1\"\n}\n";
    assertFalse(DevShards.applies("sqlite", decode(tables(6) + view), 5));
  }

  private static void exec(DevDatabase dev, String sql) {
    try (java.sql.Statement st = dev.connection().createStatement()) {
      st.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
