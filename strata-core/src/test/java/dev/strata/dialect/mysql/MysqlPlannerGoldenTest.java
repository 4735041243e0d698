package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.diff.Differ;
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
import dev.strata.model.View;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests of the planned SQL for MySQL 8.0.36 and MariaDB 10.11 (including MySQL-only
 * syntax the local server cannot run): {@code golden/<case>.<server>.sql} holds the forward and
 * reverse SQL. Run with {@code -Dstrata.golden.update=true} to rewrite the files; a golden file
 * without a case fails the build.
 */
class MysqlPlannerGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/dev/strata/dialect/mysql/golden");
  private static final Map<String, MysqlServer> SERVERS =
      Map.of(
          "mysql8", MysqlServer.parse("8.0.36"), "mariadb", MysqlServer.parse("10.11.6-MariaDB"));

  private static Column col(String name, String type, boolean nullable) {
    return new Column(name, type, nullable);
  }

  private static PrimaryKey pk(String... cols) {
    return new PrimaryKey(null, Stream.of(cols).map(IndexPart::column).toList());
  }

  private static Table table(
      String name, List<Column> cols, List<Index> idx, List<ForeignKey> fks) {
    return new Table(name, cols, pk("id"), idx, fks, List.of(), null, Attrs.EMPTY);
  }

  private static Realm realm(List<Table> tables, List<View> views) {
    return new Realm(List.of(new Schema("app", tables, views, List.of(), Attrs.EMPTY)));
  }

  private static final Column ID = col("id", "bigint", false);
  private static final Column NAME = col("name", "varchar(40)", true);

  /** Case name → (from, to). */
  static Map<String, Realm[]> cases() {
    Table users = table("users", List.of(ID, NAME), List.of(), List.of());
    Table posts =
        table("posts", List.of(ID, col("title", "varchar(100)", false)), List.of(), List.of());
    Table tags = table("tags", List.of(ID, NAME, col("score", "int", true)), List.of(), List.of());
    Realm base = realm(List.of(users, posts, tags), List.of());

    Index byName =
        new Index("idx_name", false, List.of(IndexPart.column("name")), null, Attrs.EMPTY);
    Table users2 = users.withColumns(List.of(ID, NAME, col("email", "varchar(255)", true)));
    Table posts2 =
        posts.withIndexes(
            List.of(
                new Index(
                    "idx_title",
                    true,
                    List.of(new IndexPart("title", null, false, Attrs.of("prefix", "20"))),
                    null,
                    Attrs.EMPTY)));
    Table tags2 =
        tags.withColumns(List.of(ID, NAME, col("score", "decimal(10,2)", false)))
            .withIndexes(List.of(byName));
    Realm alter = realm(List.of(users2, posts2, tags2), List.of());

    Column uuid =
        new Column("uid", "varchar(36)", false, "uuid()", false, null, null, null, Attrs.EMPTY);
    Column secret =
        new Column(
            "secret",
            "varchar(20)",
            true,
            null,
            false,
            null,
            null,
            "hidden",
            Attrs.of("invisible", "true"));
    Column created =
        new Column(
            "created_at",
            "timestamp",
            false,
            "CURRENT_TIMESTAMP",
            false,
            null,
            null,
            null,
            Attrs.of("on_update", "CURRENT_TIMESTAMP"));
    Index lower =
        new Index(
            "idx_lower",
            false,
            List.of(new IndexPart(null, "lower(`name`)", false, Attrs.EMPTY)),
            null,
            Attrs.EMPTY);
    Table accounts =
        new Table(
            "accounts",
            List.of(ID, NAME, uuid, secret, created),
            pk("id"),
            List.of(lower),
            List.of(),
            List.of(new Check("name_not_empty", "`name` <> ''", Attrs.EMPTY)),
            "user accounts",
            Attrs.of("engine", "InnoDB", "charset", "utf8mb4"));
    Realm features = realm(List.of(accounts), List.of());

    ForeignKey aToB =
        new ForeignKey("a_b", List.of("b_id"), null, "b", List.of("id"), null, "CASCADE", null);
    ForeignKey bToA =
        new ForeignKey("b_a", List.of("a_id"), null, "a", List.of("id"), "CASCADE", null, null);
    Table a = table("a", List.of(ID, col("b_id", "bigint", true)), List.of(), List.of(aToB));
    Table b = table("b", List.of(ID, col("a_id", "bigint", true)), List.of(), List.of(bToA));
    Table c =
        table(
            "c",
            List.of(ID, col("a_id", "bigint", true)),
            List.of(),
            List.of(
                new ForeignKey(
                    "c_a", List.of("a_id"), null, "a", List.of("id"), null, null, null)));
    View v =
        new View(
            "ab",
            "select `a`.`id` AS `id` from `a` join `b` on `a`.`b_id` = `b`.`id`",
            null,
            Attrs.EMPTY);
    View v2 = new View("ab2", "select `id` from `ab`", null, Attrs.of("security", "INVOKER"));
    Realm fks = realm(List.of(a, b, c), List.of(v2, v));
    Realm empty = realm(List.of(), List.of());
    Column ca = col("a", "int", true);
    Column cb = col("b", "varchar(10)", true);
    Column cc = col("c", "int", false);
    Column cd = col("d", "date", true);
    Table ordered = table("t", List.of(ID, ca, cb, cc, cd), List.of(), List.of());
    Table reordered =
        table(
            "t",
            List.of(
                ID,
                cc,
                ca,
                col("n", "int", true),
                new Column(
                    "b2",
                    "varchar(10)",
                    true,
                    null,
                    false,
                    null,
                    null,
                    null,
                    Attrs.of(Differ.RENAMED_FROM, "b")),
                cd),
            List.of(),
            List.of());
    Column userId = col("user_id", "int", false);
    Column username = col("username", "varchar(50)", true);
    Column tenant = col("tenant_id", "int", false);
    Column authorId = col("author_id", "int", true);
    Table tenantsBefore =
        new Table(
            "users",
            List.of(userId, username),
            pk("user_id"),
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.EMPTY);
    Table tenantsAfter =
        new Table(
            "users",
            List.of(userId, username, tenant),
            pk("tenant_id", "user_id"),
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.EMPTY);
    Table postsBefore =
        table(
            "posts",
            List.of(ID, authorId),
            List.of(),
            List.of(
                new ForeignKey(
                    "posts_author_fk",
                    List.of("author_id"),
                    null,
                    "users",
                    List.of("user_id"),
                    null,
                    null,
                    null)));
    Table postsAfter =
        table(
            "posts",
            List.of(ID, authorId, col("author_tenant_id", "int", true)),
            List.of(),
            List.of(
                new ForeignKey(
                    "posts_author_fk",
                    List.of("author_tenant_id", "author_id"),
                    null,
                    "users",
                    List.of("tenant_id", "user_id"),
                    null,
                    null,
                    null)));
    Column body = col("body", "text", true);
    Table articles = table("articles", List.of(ID, body), List.of(), List.of());
    Table articlesFt =
        articles.withIndexes(
            List.of(
                new Index(
                    "ft_body",
                    false,
                    List.of(IndexPart.column("body")),
                    null,
                    Attrs.of("index_type", "FULLTEXT", "parser", "ngram"))));
    Map<String, Realm[]> out = new java.util.LinkedHashMap<>();
    out.put(
        "fulltext_parser",
        new Realm[] {realm(List.of(articles), List.of()), realm(List.of(articlesFt), List.of())});
    out.put(
        "pk_change_under_fk",
        new Realm[] {
          realm(List.of(tenantsBefore, postsBefore), List.of()),
          realm(List.of(tenantsAfter, postsAfter), List.of())
        });
    out.put(
        "reorder_columns",
        new Realm[] {realm(List.of(ordered), List.of()), realm(List.of(reordered), List.of())});
    out.put("alter_online", new Realm[] {base, alter});
    out.put("check_not_enforced", new Realm[] {base, notEnforced(base)});
    out.put("create_mysql8_features", new Realm[] {empty, features});
    out.put("fk_cycle_and_views", new Realm[] {empty, fks});
    out.put("drop_in_fk_order", new Realm[] {fks, empty});
    return out;
  }

  /**
   * {@code base} with a NOT ENFORCED check added to users (ALTER) and a new table created with one
   * (CREATE TABLE).
   */
  private static Realm notEnforced(Realm base) {
    Attrs off = Attrs.of("enforced", "false");
    Schema s = base.schemas().get(0);
    List<Table> tables = new java.util.ArrayList<>();
    for (Table t : s.tables()) {
      tables.add(
          t.name().equals("users")
              ? withChecks(t, List.of(new Check("users_id_positive", "`id` > 0", off)))
              : t);
    }
    tables.add(
        new Table(
            "scores",
            List.of(ID, col("points", "int", true)),
            pk("id"),
            List.of(),
            List.of(),
            List.of(
                new Check("points_range", "`points` between 0 and 100", off),
                new Check("points_set", "`points` is not null", Attrs.EMPTY)),
            null,
            Attrs.EMPTY));
    return realm(tables, List.of());
  }

  private static Table withChecks(Table t, List<Check> checks) {
    return new Table(
        t.name(),
        t.columns(),
        t.primaryKey(),
        t.indexes(),
        t.foreignKeys(),
        checks,
        t.comment(),
        t.attrs());
  }

  static Stream<Arguments> goldens() {
    return cases().keySet().stream()
        .flatMap(c -> SERVERS.keySet().stream().sorted().map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("goldens")
  void plansAsGolden(String name, String server) throws IOException {
    Realm[] pair = cases().get(name);
    if (server.equals("mariadb") && name.equals("create_mysql8_features")) {
      // MariaDB has no functional index parts: refused (mariadbRefusesFunctionalIndexes)
      pair = new Realm[] {pair[0], withoutFunctionalIndexes(pair[1])};
    }
    MysqlPlanner planner = new MysqlPlanner(SERVERS.get(server));
    String actual;
    try {
      Plan plan =
          planner.plan(new Differ(new MysqlDiffHooks()).diff(pair[0], pair[1]), pair[0], pair[1]);
      actual = PlanText.sql(plan) + "-- reverse:\n" + PlanText.reverse(plan);
    } catch (InputException e) {
      // a plan the server cannot run is refused: the golden file holds the message
      actual = "-- refused: " + e.getMessage() + "\n";
    }
    Path file = DIR.resolve(name + "." + server + ".sql");
    if (Boolean.getBoolean("strata.golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual);
    }
    assertTrue(
        Files.exists(file),
        "missing golden file " + file + " (run with -Dstrata.golden.update=true)");
    assertEquals(Files.readString(file), actual, "golden file " + file);
  }

  private static Realm withoutFunctionalIndexes(Realm r) {
    return new Realm(
        r.schemas().stream()
            .map(
                s ->
                    new Schema(
                        s.name(),
                        s.tables().stream()
                            .map(
                                t ->
                                    t.withIndexes(
                                        t.indexes().stream()
                                            .filter(
                                                i ->
                                                    i.parts().stream()
                                                        .allMatch(p -> p.expr() == null))
                                            .toList()))
                            .toList(),
                        s.views(),
                        s.triggers(),
                        s.objects(),
                        s.attrs()))
            .toList());
  }

  @Test
  void mariadbRefusesFunctionalIndexes() {
    Realm[] pair = cases().get("create_mysql8_features");
    MysqlPlanner planner = new MysqlPlanner(SERVERS.get("mariadb"));
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                planner.plan(
                    new Differ(new MysqlDiffHooks()).diff(pair[0], pair[1]), pair[0], pair[1]));
    assertTrue(
        e.getMessage().contains("index idx_lower: mariadb 10.11.6 has no functional index parts"),
        e.getMessage());
  }

  @Test
  void mariadbRefusesNotEnforcedChecksNamingTableAndConstraint() {
    Realm base = cases().get("alter_online")[0];
    Realm to = notEnforced(base);
    // only the new table's check: the message names the table of the CREATE TABLE too
    Realm onlyNew =
        realm(
            to.schemas().get(0).tables().stream()
                .map(t -> t.name().equals("users") ? withChecks(t, List.of()) : t)
                .toList(),
            List.of());
    MysqlPlanner planner = new MysqlPlanner(SERVERS.get("mariadb"));
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                planner.plan(new Differ(new MysqlDiffHooks()).diff(base, onlyNew), base, onlyNew));
    assertEquals(
        "table scores: check points_range has enforced = false, but mariadb 10.11.6 does not"
            + " support CHECK ... NOT ENFORCED (MySQL 8.0.16+ only); remove enforced = false or"
            + " the check",
        e.getMessage());
    // an enforced check alone plans fine on MariaDB
    Realm enforced =
        realm(
            List.of(
                new Table(
                    "scores",
                    List.of(ID, col("points", "int", true)),
                    pk("id"),
                    List.of(),
                    List.of(),
                    List.of(new Check("points_set", "`points` is not null", Attrs.EMPTY)),
                    null,
                    Attrs.EMPTY)),
            List.of());
    Realm none = realm(List.of(), List.of());
    Plan plan = planner.plan(new Differ(new MysqlDiffHooks()).diff(none, enforced), none, enforced);
    assertTrue(PlanText.sql(plan).contains("CONSTRAINT `points_set` CHECK (`points` is not null)"));
  }

  @Test
  void everyGoldenFileHasACase() throws IOException {
    Set<String> expected =
        goldens()
            .map(a -> a.get()[0] + "." + a.get()[1] + ".sql")
            .collect(Collectors.toCollection(TreeSet::new));
    try (Stream<Path> files = Files.list(DIR)) {
      Set<String> present =
          files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, present, "golden files without a case, or cases without a file");
    }
  }
}
