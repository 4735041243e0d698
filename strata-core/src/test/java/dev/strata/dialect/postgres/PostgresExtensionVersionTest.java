package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclEncoder;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extension versions on the local PostgreSQL 15, with {@code citext}, which ships 1.4 and upgrade
 * scripts to 1.5 and 1.6: the version is inspected and written in HCL, a desired version that
 * differs plans {@code ALTER EXTENSION ... UPDATE TO}, and a desired extension without a version
 * plans nothing whatever version is installed.
 */
class PostgresExtensionVersionTest {
  @TempDir Path tmp;

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String text, String ext) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ext);
    Files.writeString(f, text);
    return s.load("file://" + f);
  }

  private static String installed(PgTestDatabase db) throws Exception {
    try (Connection c = db.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'citext'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String hcl(String version) {
    return "schema \"public\" {\n}\n"
        + "extension \"citext\" {\n  schema = schema.public\n"
        + (version == null ? "" : "  version = \"" + version + "\"\n")
        + "}\n";
  }

  @Test
  void desiredVersionIsCreatedAndUpdatedTo() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      Plan create = s.plan(s.inspect(db.url()), load(s, hcl("1.5"), ".hcl"));
      assertEquals(
          "-- add extension citext\n"
              + "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public VERSION '1.5';\n",
          PlanText.sql(create));
      s.apply(db.url(), create, null);
      assertEquals("1.5", installed(db));
      assertTrue(
          SchemaHclEncoder.encode(s.inspect(db.url()), "postgres").contains("version = \"1.5\""));
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), load(s, hcl("1.5"), ".hcl"))));

      // no version in the desired state: whatever is installed is fine
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), load(s, hcl(null), ".hcl"))));

      Plan update = s.plan(s.inspect(db.url()), load(s, hcl("1.6"), ".hcl"));
      assertEquals(
          "-- update extension citext from 1.5 to 1.6\n"
              + "ALTER EXTENSION citext UPDATE TO '1.6';\n",
          PlanText.sql(update));
      assertEquals(
          "-- cannot be reversed: update extension citext from 1.5 to 1.6\n",
          PlanText.reverse(update));
      s.apply(db.url(), update, null);
      assertEquals("1.6", installed(db));
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), load(s, hcl("1.6"), ".hcl"))));
    }
  }

  @Test
  void sqlDesiredStateCarriesTheVersionItCreates() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec("CREATE EXTENSION citext VERSION '1.5'");
      Strata s = strata(db);
      Plan update =
          s.plan(s.inspect(db.url()), load(s, "CREATE EXTENSION citext VERSION '1.6';", ".sql"));
      assertEquals(
          "-- update extension citext from 1.5 to 1.6\n"
              + "ALTER EXTENSION citext UPDATE TO '1.6';\n",
          PlanText.sql(update));
      // without VERSION the dev database's default (1.6) is not taken for a wish
      assertEquals(
          "",
          PlanText.sql(
              s.plan(
                  s.inspect(db.url()), load(s, "CREATE EXTENSION IF NOT EXISTS citext;", ".sql"))));
    }
  }
}
