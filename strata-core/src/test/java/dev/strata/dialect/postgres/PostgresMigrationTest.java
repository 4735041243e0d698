package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.Strata;
import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DevDatabase;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans and applies migrations on real databases: golden SQL, convergence, data, locking. */
class PostgresMigrationTest {
  @TempDir Path tmp;

  private Strata strata(PgTestDatabase db) {
    return new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
  }

  private Realm load(Strata s, String sql) throws Exception {
    Path f = Files.createTempFile(tmp, "schema", ".sql");
    Files.writeString(f, sql);
    return s.load("file://" + f);
  }

  /** Migrates {@code db} to {@code sql}; asserts that a second plan is empty; returns the plan. */
  private Plan migrate(PgTestDatabase db, String sql) throws Exception {
    Strata s = strata(db);
    Realm desired = load(s, sql);
    Plan plan = s.plan(s.inspect(db.url()), desired);
    s.apply(db.url(), plan, null);
    Plan again = s.plan(s.inspect(db.url()), desired);
    assertEquals("", PlanText.sql(again), "second plan after:\n" + PlanText.sql(plan));
    return plan;
  }

  @Test
  void goldenCreatePlan() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      Plan plan =
          migrate(
              db,
              """
              CREATE TABLE b (id int PRIMARY KEY, a_id int);
              CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b (id), note text DEFAULT 'x');
              ALTER TABLE b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id);
              CREATE VIEW v2 AS SELECT * FROM v1;
              CREATE VIEW v1 AS SELECT id FROM a;
              """);
      assertEquals(
          """
          -- add table a
          CREATE TABLE public.a (
            id integer NOT NULL,
            b_id integer,
            note text DEFAULT 'x'::text,
            CONSTRAINT a_pkey PRIMARY KEY (id)
          );
          -- add table b
          CREATE TABLE public.b (
            id integer NOT NULL,
            a_id integer,
            CONSTRAINT b_pkey PRIMARY KEY (id),
            CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES public.a (id)
          );
          -- add foreign key a_b_id_fkey to a
          ALTER TABLE public.a ADD CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) REFERENCES public.b (id);
          -- add view v1
          CREATE VIEW public.v1 AS SELECT a.id
             FROM a;
          -- add view v2
          CREATE VIEW public.v2 AS SELECT v1.id
             FROM v1;
          """,
          PlanText.sql(plan));
      assertEquals(
          "DROP VIEW public.v2;\nDROP VIEW public.v1;\n"
              + "ALTER TABLE public.a DROP CONSTRAINT a_b_id_fkey;\n"
              + "DROP TABLE public.b;\nDROP TABLE public.a;\n",
          PlanText.reverse(plan));
    }
  }

  @Test
  void dataSurvivesAlterations() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(
          db,
          "CREATE TYPE status AS ENUM ('new', 'done');"
              + "CREATE TABLE t (id int PRIMARY KEY, n int, s status DEFAULT 'new');"
              + "CREATE VIEW tv AS SELECT id, n FROM t;");
      db.exec("INSERT INTO t (id, n) VALUES (1, 10), (2, 20)");
      Plan plan =
          migrate(
              db,
              "CREATE TYPE status AS ENUM ('new', 'busy', 'done');"
                  + "CREATE TABLE t (id int PRIMARY KEY, n bigint NOT NULL, s status DEFAULT 'busy',"
                  + " note text NOT NULL DEFAULT '', CONSTRAINT n_pos CHECK (n > 0));"
                  + "CREATE INDEX t_n ON t (n DESC);"
                  + "CREATE VIEW tv AS SELECT id, n FROM t;");
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("ALTER TYPE public.status ADD VALUE 'busy' AFTER 'new';"), sql);
      assertTrue(plan.statements().stream().anyMatch(Statement::outsideTransaction));
      assertTrue(sql.indexOf("DROP VIEW public.tv") < sql.indexOf("TYPE bigint"), sql);
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement().executeQuery("SELECT sum(n), count(*), min(note) FROM t")) {
        rs.next();
        assertEquals(30, rs.getLong(1));
        assertEquals(2, rs.getLong(2));
        assertEquals("", rs.getString(3));
      }
    }
  }

  @Test
  void enumValueRemovalRecreatesTheType() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(db, "CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (v e DEFAULT 'a');");
      db.exec("INSERT INTO t VALUES ('a'), ('c')");
      migrate(db, "CREATE TYPE e AS ENUM ('c', 'a'); CREATE TABLE t (v e DEFAULT 'a');");
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery("SELECT string_agg(v::text, ',' ORDER BY v) FROM t")) {
        rs.next();
        assertEquals("c,a", rs.getString(1));
      }
    }
  }

  @Test
  void routinesTriggersAndSerials() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      migrate(
          db,
          """
          CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
          CREATE TABLE t (id serial PRIMARY KEY, at timestamptz DEFAULT now());
          CREATE TRIGGER tt BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
          """);
      migrate(
          db,
          """
          CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.at = now(); RETURN NEW; END$$;
          CREATE TABLE t (id bigint PRIMARY KEY, at timestamptz DEFAULT CURRENT_TIMESTAMP);
          CREATE TRIGGER tt BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();
          """);
      migrate(db, "");
    }
  }

  @Test
  void secondApplyWaitsForTheLockThenFails() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create();
        Connection holder = db.connect()) {
      try (ResultSet rs =
          holder
              .createStatement()
              .executeQuery(
                  "SELECT pg_advisory_lock("
                      + PostgresApplyLock.LOCK_CLASS
                      + ", hashtext(current_database()))")) {
        rs.next();
      }
      DbUrl url = DbUrl.parse(db.url().raw().replace("?", "") + "?lock_timeout=500ms");
      Strata s = strata(db);
      Plan plan = s.plan(s.inspect(url), load(s, "CREATE TABLE x (id int);"));
      long start = System.nanoTime();
      StrataException e = assertThrows(StrataException.class, () -> s.apply(url, plan, null));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.getMessage().contains("another Strata apply holds the lock"), e.getMessage());
      assertTrue(ms >= 450, "waited " + ms + "ms");
      holder.createStatement().execute("SELECT pg_advisory_unlock_all()");
      assertEquals(1, s.apply(url, plan, null));
    }
  }

  @Test
  void devDatabases() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      String name;
      try (DevDatabase dev = PgTestDatabase.DIALECT.openDev(db.url(), null)) {
        name = dev.url().path();
        assertTrue(name.startsWith("strata_dev_"), name);
      }
      try (Connection c = db.connect();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "temporary dev database dropped");
      }
      db.exec("CREATE TABLE left_over (id int)");
      StrataException e =
          assertThrows(InputException.class, () -> PgTestDatabase.DIALECT.openDev(null, db.url()));
      assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
      assertFalse(e.getMessage().contains("password"));
    }
  }
}
