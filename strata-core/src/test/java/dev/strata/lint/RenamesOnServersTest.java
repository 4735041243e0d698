package dev.strata.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.apply.ApplyListener;
import dev.strata.dialect.Dialect;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renames end to end on SQLite, the local PostgreSQL and the local MariaDB, from HCL and from SQL
 * hints: the plan renames (and does nothing else: no index, primary key or foreign key is dropped
 * and rebuilt, since every database carries those over by itself), the rows survive, a table that
 * references the renamed one still references it, and the next plan is empty. Each test makes its
 * own database and drops it.
 */
class RenamesOnServersTest {
  @TempDir Path tmp;

  private static final String BEFORE_SQL =
      "CREATE TABLE users (id int PRIMARY KEY, name varchar(40) NOT NULL);\n"
          + "CREATE INDEX users_name_idx ON users (name);\n"
          + "CREATE TABLE orders (id int PRIMARY KEY, user_id int,"
          + " CONSTRAINT order_user FOREIGN KEY (user_id) REFERENCES users (id));\n";

  private static final String AFTER_SQL =
      "-- strata:renamed_from users\n"
          + "CREATE TABLE people (\n"
          + "  id int PRIMARY KEY,\n"
          + "  -- strata:renamed_from name\n"
          + "  full_name varchar(40) NOT NULL\n"
          + ");\n"
          + "CREATE INDEX users_name_idx ON people (full_name);\n"
          + "-- strata:renamed_from orders\n"
          + "CREATE TABLE purchases (id int PRIMARY KEY, user_id int,"
          + " CONSTRAINT order_user FOREIGN KEY (user_id) REFERENCES people (id));\n";

  private Strata strata(TestDb db) {
    Dialect d = Strata.dialectFor(db.url());
    return new Strata(new LoadContext(d, db.url(), null, Map.of(), null));
  }

  private Path file(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** Loads {@code desired} into {@code db} (the initial schema), then inserts the rows. */
  private void setUp(TestDb db) throws Exception {
    Strata s = strata(db);
    Realm initial = s.load("file://" + file("before.sql", BEFORE_SQL));
    s.apply(db.url(), s.plan(s.inspect(db.url()), initial), ApplyListener.NONE);
    db.exec(
        "INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'bob')",
        "INSERT INTO orders (id, user_id) VALUES (10, 1), (11, 2)");
  }

  private Plan planTo(TestDb db, String ref) {
    Strata s = strata(db);
    return s.plan(s.inspect(db.url()), s.load(ref));
  }

  private void assertOnlyRenames(Plan plan) {
    for (Statement st : plan.statements()) {
      String sql = st.sql().toUpperCase(java.util.Locale.ROOT);
      if (sql.matches("(?s)(DROP|CREATE) INDEX USERS_NAME_IDX.*|CREATE INDEX PEOPLE_NAME_IDX.*")) {
        continue; // SQLite has no ALTER INDEX ... RENAME: an index rename is a drop and a create
      }
      assertTrue(sql.contains("RENAME"), "only renames expected, got: " + st.sql());
      assertTrue(!sql.contains("DROP") && !sql.contains("CREATE"), st.sql());
    }
  }

  private void assertRowsKeptAndConverged(TestDb db, String ref) throws Exception {
    assertEquals("ada,bob", db.query(agg(db, "full_name", "people")));
    assertEquals("10,11", db.query(agg(db, "id", "purchases")));
    if (db.url().toString().startsWith("sqlite")) {
      assertEquals(
          "people", db.query("SELECT \"table\" FROM pragma_foreign_key_list('purchases')"));
    } else {
      // the foreign key now guards people: an order of a person who does not exist is refused
      Exception refused = null;
      try {
        db.exec("INSERT INTO purchases (id, user_id) VALUES (12, 99)");
      } catch (Exception e) {
        refused = e;
      }
      assertTrue(refused != null, "the foreign key must still hold after the renames");
    }
    assertTrue(planTo(db, ref).isEmpty(), () -> "not converged: " + planTo(db, ref).statements());
  }

  private static String agg(TestDb db, String col, String table) {
    boolean pg = db.url().toString().startsWith("postgres");
    boolean sqlite = db.url().toString().startsWith("sqlite");
    String ordered = "(SELECT " + col + " AS v FROM " + table + " ORDER BY " + col + ")";
    if (pg) {
      return "SELECT string_agg(" + col + "::text, ',' ORDER BY " + col + ") FROM " + table;
    }
    if (sqlite) {
      return "SELECT group_concat(v, ',') FROM " + ordered;
    }
    return "SELECT group_concat(" + col + " ORDER BY " + col + " SEPARATOR ',') FROM " + table;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void sqlHintsRenameTablesAndColumnsAndKeepEverythingThatDependsOnThem(String dialect)
      throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      setUp(db);
      Path after = file("after.sql", AFTER_SQL);
      String ref = "file://" + after;
      Plan plan = planTo(db, ref);
      assertOnlyRenames(plan);
      String all = String.join("\n", plan.statements().stream().map(Statement::sql).toList());
      assertTrue(all.matches("(?is).*\\busers\\b.*\\bpeople\\b.*"), all);
      assertTrue(all.matches("(?is).*\\borders\\b.*\\bpurchases\\b.*"), all);
      assertTrue(all.matches("(?is).*\\bname\\b.*\\bfull_name\\b.*"), all);
      strata(db).apply(db.url(), plan, ApplyListener.NONE);
      assertRowsKeptAndConverged(db, ref);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres", "maria"})
  void hclRenamedFromOnTableColumnAndIndex(String dialect) throws Exception {
    try (TestDb db = TestDb.create(dialect, tmp)) {
      Strata s = strata(db);
      Realm initial =
          s.load(
              "file://"
                  + file(
                      "before.sql",
                      "CREATE TABLE users (id int NOT NULL PRIMARY KEY, name varchar(40) NOT NULL);\n"
                          + "CREATE INDEX users_name_idx ON users (name);\n"));
      s.apply(db.url(), s.plan(s.inspect(db.url()), initial), ApplyListener.NONE);
      db.exec("INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'bob')");
      String schema = dialect.equals("sqlite") ? "main" : currentSchema(db);
      String hcl =
          "schema \""
              + schema
              + "\" {}\n"
              + "table \"people\" {\n"
              + "  schema = schema."
              + schema
              + "\n"
              + "  renamed_from = \"users\"\n"
              + "  column \"id\" { type = int }\n"
              + "  column \"full_name\" {\n"
              + "    type = varchar(40)\n"
              + "    renamed_from = \"name\"\n"
              + "  }\n"
              + "  primary_key { columns = [column.id] }\n"
              + "  index \"people_name_idx\" {\n"
              + "    columns = [column.full_name]\n"
              + "    renamed_from = \"users_name_idx\"\n"
              + "  }\n"
              + "}\n";
      String ref = "file://" + file("after.hcl", hcl);
      Plan plan = planTo(db, ref);
      assertOnlyRenames(plan);
      String all = String.join("\n", plan.statements().stream().map(Statement::sql).toList());
      assertTrue(all.matches("(?is).*\\busers_name_idx\\b.*\\bpeople_name_idx\\b.*"), all);
      s.apply(db.url(), plan, ApplyListener.NONE);
      assertEquals("ada,bob", db.query(agg(db, "full_name", "people")));
      assertTrue(planTo(db, ref).isEmpty(), () -> "not converged: " + planTo(db, ref).statements());
    }
  }

  /**
   * MariaDB renames a generated foreign key name with its table ({@code orders_ibfk_1} becomes
   * {@code purchases_ibfk_1}); a plan that dropped {@code orders_ibfk_1} after the rename failed.
   */
  @org.junit.jupiter.api.Test
  void mariaGeneratedForeignKeyNamesFollowTheTable() throws Exception {
    try (TestDb db = TestDb.create("maria", tmp)) {
      Strata s = strata(db);
      String before =
          "CREATE TABLE users (id int PRIMARY KEY);\n"
              + "CREATE TABLE orders (id int PRIMARY KEY, user_id int,"
              + " FOREIGN KEY (user_id) REFERENCES users (id));\n";
      s.apply(
          db.url(),
          s.plan(s.inspect(db.url()), s.load("file://" + file("b.sql", before))),
          ApplyListener.NONE);
      db.exec(
          "INSERT INTO users (id) VALUES (1)", "INSERT INTO orders (id, user_id) VALUES (7, 1)");
      String after =
          before.replace(
              "CREATE TABLE orders", "-- strata:renamed_from orders\nCREATE TABLE purchases");
      String ref = "file://" + file("a.sql", after);
      Plan plan = planTo(db, ref);
      assertEquals(
          List.of("RENAME TABLE `orders` TO `purchases`"),
          plan.statements().stream().map(Statement::sql).toList());
      s.apply(db.url(), plan, ApplyListener.NONE);
      assertEquals("7", db.query("SELECT id FROM purchases"));
      assertTrue(planTo(db, ref).isEmpty(), () -> "not converged: " + planTo(db, ref).statements());
    }
  }

  /**
   * PostgreSQL keeps the names it derived from the old table name (users_pkey, users_email_key);
   * the desired schema's dev database derives people_pkey and people_email_key. The plan renames
   * them instead of dropping and building the key and the unique index again.
   */
  @org.junit.jupiter.api.Test
  void postgresDerivedConstraintNamesAreRenamed() throws Exception {
    try (TestDb db = TestDb.create("postgres", tmp)) {
      Strata s = strata(db);
      String before = "CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE, name text);\n";
      s.apply(
          db.url(),
          s.plan(s.inspect(db.url()), s.load("file://" + file("b.sql", before))),
          ApplyListener.NONE);
      db.exec("INSERT INTO users VALUES (1, 'a@x', 'a'), (2, 'b@x', 'b')");
      String after =
          "-- strata:renamed_from users\n"
              + "CREATE TABLE people (id int PRIMARY KEY, email text UNIQUE, name text);\n";
      String ref = "file://" + file("a.sql", after);
      Plan plan = planTo(db, ref);
      assertEquals(
          List.of(
              "ALTER TABLE public.users RENAME TO people",
              "ALTER TABLE public.people RENAME CONSTRAINT users_email_key TO people_email_key",
              "ALTER TABLE public.people RENAME CONSTRAINT users_pkey TO people_pkey"),
          plan.statements().stream().map(Statement::sql).toList());
      s.apply(db.url(), plan, ApplyListener.NONE);
      assertEquals("a@x,b@x", db.query(agg(db, "email", "people")));
      assertTrue(planTo(db, ref).isEmpty(), () -> "not converged: " + planTo(db, ref).statements());
    }
  }

  private static String currentSchema(TestDb db) throws Exception {
    return db.url().toString().startsWith("postgres")
        ? db.query("SELECT current_schema()")
        : db.query("SELECT database()");
  }
}
