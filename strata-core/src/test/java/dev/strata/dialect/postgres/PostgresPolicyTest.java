package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.model.SchemaObject;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.schemahcl.SchemaHclDecoder;
import dev.strata.schemahcl.SchemaHclEncoder;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row-level security policies: inspection, HCL, plans, convergence and their effect on rows. */
class PostgresPolicyTest {
  @TempDir Path tmp;

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String text, String ext) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ext);
    Files.writeString(f, text);
    return s.load("file://" + f);
  }

  /** Migrates {@code db} to the schema; asserts that a second plan is empty; returns the plan. */
  private Plan migrate(PgTestDatabase db, String text, String ext) throws Exception {
    Strata s = strata(db);
    Realm desired = load(s, text, ext);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    Plan again = s.plan(s.inspect(db.url()), desired);
    assertEquals("", PlanText.sql(again), "second plan after:\n" + PlanText.sql(plan));
    return plan;
  }

  private static final String BASE =
      """
      CREATE TABLE docs (id int PRIMARY KEY, owner text NOT NULL, tenant int NOT NULL);
      ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
      CREATE FUNCTION tenant() RETURNS int LANGUAGE sql STABLE
        AS $$ SELECT current_setting('app.tenant')::int $$;
      """;

  @Test
  void createAlterRecreateAndDrop() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Plan create =
          migrate(
              db,
              BASE
                  + "CREATE POLICY by_tenant ON docs USING (tenant = tenant());"
                  + "CREATE POLICY own_rows ON docs AS RESTRICTIVE FOR UPDATE TO postgres"
                  + " USING (owner = current_user) WITH CHECK (owner = current_user);",
              ".sql");
      String sql = PlanText.sql(create);
      // policies come after the table and the function they use
      assertTrue(sql.indexOf("CREATE FUNCTION") < sql.indexOf("CREATE POLICY by_tenant"), sql);
      assertTrue(
          sql.contains(
              "CREATE POLICY by_tenant ON public.docs AS PERMISSIVE FOR ALL TO PUBLIC"
                  + " USING ((tenant = tenant()));"),
          sql);
      assertTrue(
          sql.contains(
              "CREATE POLICY own_rows ON public.docs AS RESTRICTIVE FOR UPDATE TO postgres"
                  + " USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));"),
          sql);
      // and are dropped first when the plan is reversed
      String reverse = PlanText.reverse(create);
      assertTrue(
          reverse.indexOf("DROP POLICY own_rows ON public.docs")
              < reverse.indexOf("DROP TABLE public.docs"),
          reverse);

      // a new expression and role list keeps the policy: ALTER POLICY, reversible
      Plan alter =
          migrate(
              db,
              BASE
                  + "CREATE POLICY by_tenant ON docs TO postgres, pg_monitor"
                  + " USING (tenant = tenant() OR tenant = 0);"
                  + "CREATE POLICY own_rows ON docs AS RESTRICTIVE FOR UPDATE TO postgres"
                  + " USING (owner = current_user) WITH CHECK (owner = current_user);",
              ".sql");
      assertEquals(
          "-- change policy by_tenant on docs\n"
              + "ALTER POLICY by_tenant ON public.docs TO pg_monitor, postgres"
              + " USING (((tenant = tenant()) OR (tenant = 0)));\n",
          PlanText.sql(alter));
      assertEquals(
          "ALTER POLICY by_tenant ON public.docs TO PUBLIC USING ((tenant = tenant()));\n",
          PlanText.reverse(alter));

      // AS and FOR cannot be altered: drop and create
      Plan recreate =
          migrate(
              db,
              BASE
                  + "CREATE POLICY by_tenant ON docs TO postgres, pg_monitor"
                  + " USING (tenant = tenant() OR tenant = 0);"
                  + "CREATE POLICY own_rows ON docs AS PERMISSIVE FOR DELETE TO postgres"
                  + " USING (owner = current_user);",
              ".sql");
      assertEquals(
          "-- drop policy own_rows on docs\n"
              + "DROP POLICY own_rows ON public.docs;\n"
              + "-- add policy own_rows on docs\n"
              + "CREATE POLICY own_rows ON public.docs AS PERMISSIVE FOR DELETE TO postgres"
              + " USING ((owner = CURRENT_USER));\n",
          PlanText.sql(recreate));

      // a column type change under a policy: the policy is dropped and re-created around it
      Plan retype =
          migrate(
              db,
              BASE.replace("tenant int NOT NULL", "tenant bigint NOT NULL")
                  + "CREATE POLICY by_tenant ON docs TO postgres, pg_monitor"
                  + " USING (tenant = tenant() OR tenant = 0);"
                  + "CREATE POLICY own_rows ON docs AS PERMISSIVE FOR DELETE TO postgres"
                  + " USING (owner = current_user);",
              ".sql");
      String r = PlanText.sql(retype);
      assertTrue(r.indexOf("DROP POLICY by_tenant") < r.indexOf("TYPE bigint"), r);
      assertTrue(r.indexOf("TYPE bigint") < r.indexOf("CREATE POLICY by_tenant"), r);

      // dropping the table and the function drops the policies first
      Plan drop = migrate(db, "CREATE TABLE other (id int);", ".sql");
      String d = PlanText.sql(drop);
      assertTrue(d.indexOf("DROP POLICY by_tenant") < d.indexOf("DROP TABLE public.docs"), d);
      assertTrue(d.indexOf("DROP POLICY by_tenant") < d.indexOf("DROP FUNCTION"), d);
    }
  }

  @Test
  void lintPointsAtTheDroppedPolicy() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(db, BASE + "CREATE POLICY by_tenant ON docs USING (tenant = tenant());", ".sql");
      Strata s = strata(db);
      Realm current = s.inspect(db.url());
      Realm desired = load(s, BASE, ".sql");
      Plan plan = s.plan(current, desired);
      var lint = s.review(db.url(), plan, current, desired, List.of()).lint();
      var ds105 =
          lint.diagnostics().stream()
              .filter(d -> d.code().name().equals("DS105"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(lint.toString()));
      assertEquals("policy docs.by_tenant is dropped", ds105.message());
      assertEquals(
          "DROP POLICY by_tenant ON public.docs", plan.statements().get(ds105.statement()).sql());
    }
  }

  @Test
  void functionReturnTypeChangeUnderAPolicy() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      String policy = "CREATE POLICY by_tenant ON docs USING (tenant = tenant());";
      migrate(db, BASE + policy, ".sql");
      Plan plan =
          migrate(
              db,
              BASE.replace("RETURNS int", "RETURNS bigint").replace("::int $$", "::bigint $$")
                  + policy,
              ".sql");
      String sql = PlanText.sql(plan);
      assertTrue(sql.indexOf("DROP POLICY by_tenant") < sql.indexOf("DROP FUNCTION"), sql);
      assertTrue(sql.indexOf("CREATE OR REPLACE FUNCTION") < sql.indexOf("CREATE POLICY"), sql);
      // the same while the policy itself changes (an ALTER POLICY would come too late)
      Plan both =
          migrate(
              db,
              BASE + policy.replace("tenant = tenant()", "tenant = tenant() OR tenant < 0"),
              ".sql");
      String b = PlanText.sql(both);
      assertTrue(b.indexOf("DROP POLICY by_tenant") < b.indexOf("DROP FUNCTION"), b);
    }
  }

  @Test
  void policiesFilterRowsAfterApply() throws Exception {
    String role = "strata_r_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
    PgTestDatabase.admin("CREATE ROLE " + role);
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(
          db,
          BASE + "CREATE POLICY by_tenant ON docs TO " + role + " USING (tenant = tenant());",
          ".sql");
      db.exec("INSERT INTO docs VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 1)");
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        // privileges are not part of the schema Strata manages
        st.execute("GRANT SELECT ON docs TO " + role);
        st.execute("SET app.tenant = '1'");
        st.execute("SET ROLE " + role);
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT id FROM docs ORDER BY id")) {
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
        }
        assertEquals(List.of(1, 3), ids);
        st.execute("RESET ROLE");
      }
    } finally {
      PgTestDatabase.admin("DROP ROLE IF EXISTS " + role);
    }
  }

  @Test
  void inspectedPolicies() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      db.exec(
          BASE
              + "CREATE POLICY p_ins ON docs FOR INSERT TO postgres, pg_monitor"
              + " WITH CHECK (tenant > 0);"
              + "COMMENT ON POLICY p_ins ON docs IS 'only tenants';");
      Realm realm = strata(db).inspect(db.url());
      SchemaObject.Policy p =
          (SchemaObject.Policy)
              realm.schema("public").orElseThrow().object("policy", "docs.p_ins").orElseThrow();
      assertEquals(
          new SchemaObject.Policy(
              "docs",
              "p_ins",
              false,
              "INSERT",
              List.of("pg_monitor", "postgres"),
              null,
              "(tenant > 0)",
              dev.strata.model.Attrs.of(PostgresAttrs.COMMENT, "only tenants")),
          p);
      assertTrue(
          realm
              .schema("public")
              .orElseThrow()
              .table("docs")
              .orElseThrow()
              .attrs()
              .flag(PostgresAttrs.RLS));
    }
  }

  private static final String HCL =
      """
      schema "public" {}
      table "docs" {
        schema = schema.public
        column "id" {
          type = int
        }
        column "tenant" {
          type = int
        }
        primary_key {
          columns = [column.id]
        }
        row_security {
          enabled = true
        }
      }
      policy "by_tenant" {
        on    = table.docs
        as    = RESTRICTIVE
        for   = SELECT
        to    = [PUBLIC]
        using = "tenant = 1"
      }
      policy "writers" {
        on      = table.docs
        for     = INSERT
        to      = [postgres, "pg_monitor"]
        check   = "tenant > 0"
        comment = "insert only"
      }
      """;

  @Test
  void hclDecodeEncodeRoundTrip() {
    Realm r = SchemaHclDecoder.decodeSources(Map.of("s.hcl", HCL), Map.of(), "postgres");
    var s = r.schema("public").orElseThrow();
    assertEquals(
        new SchemaObject.Policy(
            "docs", "by_tenant", true, "SELECT", List.of("PUBLIC"), "tenant = 1", null, null),
        s.object("policy", "docs.by_tenant").orElseThrow());
    String text = SchemaHclEncoder.encode(r, "postgres");
    assertTrue(text.contains("to      = [pg_monitor, postgres]"), text);
    assertEquals(r, SchemaHclDecoder.decodeSources(Map.of("s.hcl", text), Map.of(), "postgres"));
  }

  @Test
  void hclErrors() {
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () ->
                SchemaHclDecoder.decodeSources(
                    Map.of("s.hcl", HCL.replace("as    = RESTRICTIVE", "as    = STRICT")),
                    Map.of(),
                    "postgres"));
    assertTrue(
        e.getMessage().contains("as must be PERMISSIVE or RESTRICTIVE, not STRICT"),
        e.getMessage());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class,
            () ->
                SchemaHclDecoder.decodeSources(
                    Map.of("s.hcl", HCL.replace("on    = table.docs", "on    = table.nope")),
                    Map.of(),
                    "postgres"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void hclAppliesConvergesAndRenames() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Plan plan = migrate(db, HCL, ".hcl");
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("ALTER TABLE public.docs ENABLE ROW LEVEL SECURITY;"), sql);
      assertTrue(
          sql.contains(
              "CREATE POLICY by_tenant ON public.docs AS RESTRICTIVE FOR SELECT TO PUBLIC"
                  + " USING ((tenant = 1));"),
          sql);
      assertTrue(sql.contains("COMMENT ON POLICY writers ON public.docs IS 'insert only';"), sql);
      Plan rename =
          migrate(
              db,
              HCL.replace(
                  "policy \"by_tenant\" {",
                  "policy \"tenant_only\" {\n  renamed_from = \"by_tenant\""),
              ".hcl");
      assertEquals(
          "-- rename policy by_tenant to tenant_only\n"
              + "ALTER POLICY by_tenant ON public.docs RENAME TO tenant_only;\n",
          PlanText.sql(rename));
    }
  }
}
