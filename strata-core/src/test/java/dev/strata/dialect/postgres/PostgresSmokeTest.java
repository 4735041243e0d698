package dev.strata.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresSmokeTest {
  @TempDir Path tmp;

  @Test
  void smoke() throws Exception {
    try (PgTestDatabase db = PgTestDatabase.create()) {
      String sql =
          "CREATE TYPE mood AS ENUM ('a','b');\n"
              + "CREATE TABLE users (id serial PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', m mood, created timestamptz DEFAULT now(), CONSTRAINT ck CHECK (length(name) > 0));\n"
              + "CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int REFERENCES users(id) ON DELETE CASCADE, body text);\n"
              + "CREATE INDEX posts_body ON posts (lower(body) DESC NULLS LAST) WHERE body IS NOT NULL;\n"
              + "CREATE VIEW v AS SELECT id, name FROM users;\n"
              + "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
              + "CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION f();\n";
      Path f = Files.writeString(tmp.resolve("s.sql"), sql);
      Strata strata =
          new Strata(new LoadContext(PgTestDatabase.DIALECT, db.url(), null, Map.of(), null));
      Realm desired = strata.load("file://" + f);
      Plan plan = strata.plan(strata.inspect(db.url()), desired);
      System.out.println(PlanText.sql(plan));
      strata.apply(db.url(), plan, null);
      Plan again = strata.plan(strata.inspect(db.url()), desired);
      assertEquals("", PlanText.sql(again));
    }
  }
}
