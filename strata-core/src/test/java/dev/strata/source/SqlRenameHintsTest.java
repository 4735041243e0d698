package dev.strata.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.Dialects;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlRenameHintsTest {
  @TempDir Path dir;

  @Test
  void parsesStrataAndSqldefHints() {
    assertEquals(
        List.of(
            new SqlRenameHints.Hint("accounts", null, "old_accounts"),
            new SqlRenameHints.Hint("accounts", "username", "user_name"),
            new SqlRenameHints.Hint("accounts", "email", "mail")),
        SqlRenameHints.parse(
            """
            -- strata:renamed_from old_accounts
            CREATE TABLE accounts (
              id bigint NOT NULL,
              username varchar(100) NOT NULL, -- @renamed from=user_name
              -- strata:renamed_from mail
              email text,
              CONSTRAINT pk PRIMARY KEY (id)
            );"""));
    assertEquals(
        List.of(new SqlRenameHints.Hint("user profiles", null, "user accounts")),
        SqlRenameHints.parse(
            "CREATE TABLE \"user profiles\" /* @renamed from=\"user accounts\" */ (id int);"));
    assertEquals(List.of(), SqlRenameHints.parse("CREATE VIEW v AS SELECT 1; -- @renamed from=x"));
  }

  @Test
  void renamesKeepRows() throws Exception {
    DbUrl db = DbUrl.parse("sqlite://" + dir.resolve("app.db"));
    var d = Dialects.forUrl(db);
    try (Connection c = d.open(db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE people (id integer PRIMARY KEY, fullname text NOT NULL)");
      s.execute("INSERT INTO people VALUES (1, 'Ada Lovelace'), (2, 'Alan Turing')");
    }
    Path desired =
        Files.writeString(
            dir.resolve("schema.sql"),
            """
            -- strata:renamed_from people
            CREATE TABLE users (
              id integer PRIMARY KEY,
              name text NOT NULL -- strata:renamed_from fullname
            );
            """);
    Strata strata = new Strata(new LoadContext(d, db, null, Map.of(), null));
    Plan plan = strata.plan(strata.inspect(db), strata.load("file://" + desired));
    String sql = PlanText.sql(plan);
    assertTrue(sql.contains("ALTER TABLE people RENAME TO users"), sql);
    assertTrue(sql.contains("RENAME COLUMN fullname TO name"), sql);
    assertTrue(!sql.contains("DROP TABLE"), sql);
    strata.apply(db, plan, null);
    try (Connection c = d.open(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT group_concat(name, ',') FROM users")) {
      rs.next();
      assertEquals("Ada Lovelace,Alan Turing", rs.getString(1));
    }
    Plan again = strata.plan(strata.inspect(db), strata.load("file://" + desired));
    assertTrue(again.isEmpty(), PlanText.sql(again));
  }
}
