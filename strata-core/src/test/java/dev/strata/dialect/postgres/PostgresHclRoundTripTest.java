package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
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
 * A database written as HCL builds the same database elsewhere: partitions of RANGE, LIST and HASH
 * parents ({@code partition_of}, {@code partition_bound}), {@code serial} columns, and enum, domain
 * and composite types of a schema other than {@code public}. Before, the encoder wrote a partition
 * as an empty table, a serial column with {@code auto_increment} (which the PostgreSQL decoder
 * rejects), and a type of schema {@code app} unqualified (which the dev database could not find).
 */
class PostgresHclRoundTripTest {
  @TempDir Path tmp;

  private static final String SCHEMA =
      """
      CREATE SCHEMA app;
      CREATE TYPE app.mood AS ENUM ('sad', 'ok');
      CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);
      CREATE TYPE app.addr AS (street text, m app.mood);
      CREATE TABLE app.people (id serial PRIMARY KEY, big bigserial, m app.mood DEFAULT 'ok',
        p app.pos, a app.addr);
      CREATE TABLE app.events (id int, at date NOT NULL, kind text) PARTITION BY RANGE (at);
      CREATE TABLE app.events_2024 PARTITION OF app.events
        FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE INDEX events_2024_kind ON app.events_2024 (kind);
      CREATE TABLE app.events_rest PARTITION OF app.events DEFAULT;
      CREATE TABLE "Tags" (id int, c text) PARTITION BY LIST (c);
      CREATE TABLE "Tags_ab" PARTITION OF "Tags" FOR VALUES IN ('a', 'b');
      CREATE TABLE buckets (id int) PARTITION BY HASH (id);
      CREATE TABLE buckets_0 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 0)
        PARTITION BY RANGE (id);
      CREATE TABLE buckets_0_low PARTITION OF buckets_0 FOR VALUES FROM (MINVALUE) TO (100);
      CREATE TABLE buckets_1 PARTITION OF buckets FOR VALUES WITH (MODULUS 2, REMAINDER 1);
      CREATE PROCEDURE app.noop() LANGUAGE plpgsql AS $$BEGIN END$$;
      """;

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm loadHcl(Strata s, String hcl) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ".hcl");
    Files.writeString(f, hcl);
    return s.load("file://" + f);
  }

  @Test
  void inspectedDatabaseWrittenAsHclBuildsTheSameDatabase() throws Exception {
    try (PgTestDatabase source = PgTestDatabase.create();
        PgTestDatabase copy = PgTestDatabase.create()) {
      source.exec(SCHEMA);
      String hcl = SchemaHclEncoder.encode(strata(source).inspect(source.url()), "postgres");
      assertTrue(
          hcl.contains(
              """
              table "events_2024" {
                schema          = schema.app
                partition_of    = table.events
                partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
              """),
          hcl);
      assertTrue(hcl.contains("partition_bound = \"DEFAULT\""), hcl);
      assertTrue(hcl.contains("partition_of    = table.Tags"), hcl);
      assertTrue(
          hcl.contains("partition_bound = \"FOR VALUES WITH (modulus 2, remainder 0)\""), hcl);
      assertTrue(hcl.contains("partition_of    = table.buckets_0"), hcl);
      assertTrue(hcl.contains("type = serial"), hcl);
      assertTrue(hcl.contains("type = bigserial"), hcl);
      assertTrue(!hcl.contains("auto_increment"), hcl);
      assertTrue(hcl.contains("type = enum.mood"), hcl);

      Strata s = strata(copy);
      Realm desired = loadHcl(s, hcl);
      Plan plan = s.plan(s.inspect(copy.url()), desired);
      String sql = PlanText.sql(plan);
      assertTrue(
          sql.contains(
              "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM"
                  + " ('2024-01-01') TO ('2025-01-01');"),
          sql);
      assertTrue(sql.contains("m app.mood DEFAULT 'ok'::app.mood"), sql);
      assertTrue(sql.contains("-- add procedure noop()\nCREATE OR REPLACE PROCEDURE"), sql);
      s.apply(copy.url(), plan, null);
      assertEquals("", PlanText.sql(s.plan(s.inspect(copy.url()), desired)));
      // Both databases are the same: no plan in either direction.
      assertEquals("", PlanText.sql(s.plan(s.inspect(source.url()), s.inspect(copy.url()))));
      try (Connection c = copy.connect()) {
        c.createStatement()
            .execute(
                "INSERT INTO app.events VALUES (1, '2024-05-01', 'x'), (2, '2030-01-01', 'y')");
        c.createStatement().execute("INSERT INTO app.people (p) VALUES (3)");
        try (ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT count(*) FROM app.events_2024),"
                        + " (SELECT count(*) FROM app.events_rest),"
                        + " (SELECT id FROM app.people)")) {
          rs.next();
          assertEquals(1, rs.getInt(1));
          assertEquals(1, rs.getInt(2));
          assertEquals(1, rs.getInt(3));
        }
      }
    }
  }

  private static final String PARENT =
      """
      schema "public" {}
      table "logs" {
        schema = schema.public
        column "at" {
          type = date
        }
        partition {
          type    = RANGE
          columns = [column.at]
        }
      }
      """;

  @Test
  void partitionWrittenInHclConvergesAndItsBoundChangeKeepsTheRows() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      String v1 =
          PARENT
              + """
              table "logs_2024" {
                schema          = schema.public
                partition_of    = table.logs
                partition_bound = "FROM ('2024-01-01') TO ('2025-01-01')"
              }
              """;
      Realm desired = loadHcl(s, v1);
      Plan plan = s.plan(s.inspect(db.url()), desired);
      assertTrue(
          PlanText.sql(plan)
              .contains(
                  "CREATE TABLE public.logs_2024 PARTITION OF public.logs FOR VALUES FROM"
                      + " ('2024-01-01') TO ('2025-01-01');"),
          PlanText.sql(plan));
      s.apply(db.url(), plan, null);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), desired)));
      db.exec("INSERT INTO logs VALUES ('2024-03-01')");

      Realm wider = loadHcl(s, v1.replace("'2025-01-01'", "'2026-01-01'"));
      Plan change = s.plan(s.inspect(db.url()), wider);
      String sql = PlanText.sql(change);
      assertTrue(sql.contains("ALTER TABLE public.logs DETACH PARTITION public.logs_2024;"), sql);
      assertTrue(
          sql.contains(
              "ALTER TABLE public.logs ATTACH PARTITION public.logs_2024 FOR VALUES FROM"
                  + " ('2024-01-01') TO ('2026-01-01');"),
          sql);
      s.apply(db.url(), change, null);
      assertEquals("", PlanText.sql(s.plan(s.inspect(db.url()), wider)));
      try (Connection c = db.connect();
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM logs_2024")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void partitionMistakesAreExplained() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Strata s = strata(db);
      InputException noBound =
          assertThrows(
              InputException.class,
              () ->
                  loadHcl(
                      s,
                      PARENT
                          + "table \"p\" {\n  schema = schema.public\n"
                          + "  partition_of = table.logs\n}\n"));
      assertTrue(
          noBound.getMessage().contains("table \"p\": partition_of needs partition_bound"),
          noBound.getMessage());
      InputException columns =
          assertThrows(
              InputException.class,
              () ->
                  loadHcl(
                      s,
                      PARENT
                          + "table \"p\" {\n  schema = schema.public\n"
                          + "  partition_of = table.logs\n  partition_bound = \"DEFAULT\"\n"
                          + "  column \"at\" {\n    type = date\n  }\n}\n"));
      assertTrue(
          columns
              .getMessage()
              .contains(
                  "a partition takes its columns from its parent table \"logs\"; remove its"
                      + " column blocks"),
          columns.getMessage());
      InputException bad =
          assertThrows(
              InputException.class,
              () ->
                  loadHcl(
                      s,
                      PARENT
                          + "table \"p\" {\n  schema = schema.public\n"
                          + "  partition_of = table.logs\n  partition_bound = \"LESS THAN 5\"\n"
                          + "}\n"));
      assertTrue(
          bad.getMessage().contains("partition_bound must be FOR VALUES FROM (...) TO (...)"),
          bad.getMessage());
      InputException noParent =
          assertThrows(
              InputException.class,
              () ->
                  loadHcl(
                      s,
                      PARENT
                          + "table \"p\" {\n  schema = schema.public\n"
                          + "  partition_of = table.nope\n  partition_bound = \"DEFAULT\"\n"
                          + "}\n"));
      assertTrue(noParent.getMessage().contains("nope"), noParent.getMessage());
    }
  }
}
