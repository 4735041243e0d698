package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclEncoder;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comments on composite types and triggers, and a trigger's enabled state, on the local PostgreSQL:
 * created with the object, changed in place (no trigger is dropped for a comment), converging, and
 * kept through HCL. Before, these were silently ignored: a changed comment or a disabled trigger
 * planned nothing.
 */
class PostgresCommentsTest {
  @TempDir Path tmp;

  private static final String BASE =
      """
      CREATE TYPE addr AS (street text, zip text);
      CREATE TABLE t (id int PRIMARY KEY, at timestamptz);
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
        AS $$BEGIN NEW.at = now(); RETURN NEW; END$$;
      CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
      """;

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String text, String ext) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ext);
    Files.writeString(f, text);
    return s.load("file://" + f);
  }

  /** Plans {@code desired}, applies it, checks the next plan is empty; returns the plan's SQL. */
  private String migrate(PgTestDatabase db, Realm desired) {
    Strata s = strata(db);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired)), PlanText.sql(plan));
    return PlanText.sql(plan);
  }

  @Test
  void compositeAndTriggerCommentsAndTriggerStateArePlannedInPlace() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      String v1 =
          BASE
              + "COMMENT ON TYPE addr IS 'postal';\n"
              + "COMMENT ON TRIGGER t_touch ON t IS 'keeps at fresh';\n"
              + "ALTER TABLE t DISABLE TRIGGER t_touch;\n";
      String created = migrate(db, load(s, v1, ".sql"));
      assertTrue(created.contains("COMMENT ON TYPE public.addr IS 'postal';"), created);
      assertTrue(
          created.contains("COMMENT ON TRIGGER t_touch ON public.t IS 'keeps at fresh';"), created);
      assertTrue(created.contains("ALTER TABLE public.t DISABLE TRIGGER t_touch;"), created);

      String v2 =
          BASE
              + "COMMENT ON TYPE addr IS 'postal address';\n"
              + "COMMENT ON TRIGGER t_touch ON t IS 'sets at';\n";
      String changed = migrate(db, load(s, v2, ".sql"));
      assertEquals(
          """
          -- comment on addr
          COMMENT ON TYPE public.addr IS 'postal address';
          -- comment on trigger t_touch
          COMMENT ON TRIGGER t_touch ON public.t IS 'sets at';
          -- enable state of trigger t_touch
          ALTER TABLE public.t ENABLE TRIGGER t_touch;
          """,
          changed);
      assertFalse(changed.contains("DROP TRIGGER"), changed);

      // The same state written as HCL (comment and enabled on the trigger, comment on the
      // composite) plans nothing against the database.
      String hcl = SchemaHclEncoder.encode(s.inspect(db.url()), "postgres");
      assertTrue(hcl.contains("comment = \"postal address\""), hcl);
      assertTrue(hcl.contains("comment = \"sets at\""), hcl);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), load(s, hcl, ".hcl"))), hcl);

      String removed = migrate(db, load(s, BASE, ".sql"));
      assertTrue(removed.contains("COMMENT ON TYPE public.addr IS NULL;"), removed);
      assertTrue(removed.contains("COMMENT ON TRIGGER t_touch ON public.t IS NULL;"), removed);
    }
  }

  @Test
  void schemaCommentsArePlanned() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      String created =
          migrate(
              db,
              load(
                  s,
                  "CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'the application';"
                      + " CREATE TABLE app.t (id int);",
                  ".sql"));
      assertTrue(
          created.contains(
              "CREATE SCHEMA app;\n-- comment on schema app\n"
                  + "COMMENT ON SCHEMA app IS 'the application';"),
          created);
      String hcl = SchemaHclEncoder.encode(s.inspect(db.url()), "postgres");
      assertTrue(hcl.contains("schema \"app\" {\n  comment = \"the application\"\n}"), hcl);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), load(s, hcl, ".hcl"))), hcl);

      String changed =
          migrate(
              db,
              load(
                  s,
                  "schema \"public\" {\n}\n"
                      + "schema \"app\" {\n  comment = \"app data\"\n}\n"
                      + "table \"t\" {\n  schema = schema.app\n"
                      + "  column \"id\" {\n    type = integer\n    null = true\n  }\n}\n",
                  ".hcl"));
      assertEquals("-- comment on schema app\nCOMMENT ON SCHEMA app IS 'app data';\n", changed);
      String removed =
          migrate(db, load(s, "CREATE SCHEMA app; CREATE TABLE app.t (id int);", ".sql"));
      assertEquals("-- comment on schema app\nCOMMENT ON SCHEMA app IS NULL;\n", removed);
    }
  }
}
