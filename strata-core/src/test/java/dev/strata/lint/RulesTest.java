package dev.strata.lint;

import static dev.strata.lint.Fixtures.col;
import static dev.strata.lint.Fixtures.context;
import static dev.strata.lint.Fixtures.exec;
import static dev.strata.lint.Fixtures.lint;
import static dev.strata.lint.Fixtures.only;
import static dev.strata.lint.Fixtures.realm;
import static dev.strata.lint.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.diff.Differ;
import dev.strata.lint.rules.NamingRule;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Realm;
import dev.strata.model.Table;
import java.sql.Connection;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RulesTest {
  private static final Column ID = col("id", "integer", false);

  @Test
  void droppedTableAndColumnCountRows() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, last_login text)",
            "CREATE TABLE logs (id integer PRIMARY KEY)",
            "INSERT INTO users (last_login) VALUES ('x'), ('y')",
            "INSERT INTO logs DEFAULT VALUES")) {
      Realm from = realm(table("logs", ID), table("users", ID, col("last_login", "text", true)));
      Realm to = realm(table("users", ID));
      LintReport r =
          lint(
              context(
                  "sqlite",
                  from,
                  to,
                  c,
                  "DROP TABLE logs",
                  "ALTER TABLE users DROP COLUMN last_login"));
      assertEquals(
          List.of(
              new Diagnostic(
                  Code.DS102, Severity.ERROR, "table logs is dropped with 1 row", 0, "logs"),
              new Diagnostic(
                  Code.DS103,
                  Severity.ERROR,
                  "column users.last_login is dropped with the values of 2 rows",
                  1,
                  "users.last_login")),
          r.diagnostics().stream().filter(d -> d.category() == Category.DESTRUCTIVE).toList());
      exec(c, "DELETE FROM logs");
      assertEquals(
          "table logs is dropped with 0 rows",
          only(lint(context("sqlite", from, to, c, "DROP TABLE logs")), Code.DS102)
              .get(0)
              .message());
    }
  }

  @Test
  void renamesAreBackwardIncompatible() {
    Table users = table("users", ID, col("name", "text", true));
    Table accounts =
        new Table(
            "accounts",
            List.of(ID, col("full_name", "text", true).withName("full_name")),
            users.primaryKey(),
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.of(Differ.RENAMED_FROM, "users"));
    Column renamed =
        new Column(
            "full_name",
            "text",
            true,
            null,
            false,
            null,
            null,
            null,
            Attrs.of(Differ.RENAMED_FROM, "name"));
    accounts = accounts.withColumns(List.of(ID, renamed));
    LintReport r =
        lint(
            context(
                "sqlite",
                realm(users),
                realm(accounts),
                null,
                "ALTER TABLE users RENAME TO accounts",
                "ALTER TABLE accounts RENAME COLUMN name TO full_name"));
    assertEquals(
        "table users is renamed to accounts; clients using the old name will fail",
        only(r, Code.BC101).get(0).message());
    Diagnostic col = only(r, Code.BC102).get(0);
    assertEquals("accounts.name", col.object());
    assertEquals(1, col.statement());
    assertEquals(List.of(), only(r, Code.RN101));
  }

  @Test
  void dropAndAddOfSameShapeIsProbableRename() {
    Table old = table("users_old", ID, col("name", "text", true));
    Table now = table("users", col("name", "text", true), ID);
    LintReport r = lint(context("sqlite", realm(old), realm(now), null));
    Diagnostic d = only(r, Code.RN101).get(0);
    assertTrue(
        d.message().contains("add renamed_from = \"users_old\" to table \"users\""), d.message());
    Table other = table("users", ID, col("name", "varchar(10)", true));
    assertEquals(
        List.of(), only(lint(context("sqlite", realm(old), realm(other), null)), Code.RN101));

    Table a = table("t", ID, col("name", "text", true));
    Table b = table("t", ID, col("full_name", "text", true));
    Diagnostic c = only(lint(context("sqlite", realm(a), realm(b), null)), Code.RN102).get(0);
    assertEquals(
        "t: column name is dropped and full_name is added with the same type text: probably a rename"
            + " that would lose the values; if so, add renamed_from = \"name\" to column"
            + " \"full_name\" (SQL: -- strata:renamed_from name on the line before the column)",
        c.message());
    Table ambiguous = table("t", ID, col("x", "text", true), col("y", "text", true));
    Table two = table("t", ID, col("p", "text", true), col("q", "text", true));
    assertEquals(
        List.of(), only(lint(context("sqlite", realm(ambiguous), realm(two), null)), Code.RN102));
  }

  @Test
  void postgresIndexWithoutConcurrentlyOnNonEmptyTable() throws Exception {
    try (Connection c =
        Fixtures.sqlite(
            "CREATE TABLE users (id integer PRIMARY KEY, email text)",
            "INSERT INTO users (email) VALUES ('a')")) {
      Table before = table("users", ID, col("email", "text", true));
      Table after =
          before.withIndexes(
              List.of(
                  new dev.strata.model.Index(
                      "users_email",
                      false,
                      List.of(dev.strata.model.IndexPart.column("email")),
                      null,
                      null)));
      String plain = "CREATE INDEX \"users_email\" ON \"public\".\"users\" (\"email\")";
      String conc = "CREATE INDEX CONCURRENTLY \"users_email\" ON \"public\".\"users\" (\"email\")";
      Diagnostic d =
          only(lint(context("postgres", realm(before), realm(after), c, plain)), Code.LK101).get(0);
      assertEquals(0, d.statement());
      assertEquals(
          List.of(),
          only(lint(context("postgres", realm(before), realm(after), c, conc)), Code.LK101));
      exec(c, "DELETE FROM users");
      assertEquals(
          List.of(),
          only(lint(context("postgres", realm(before), realm(after), c, plain)), Code.LK101));
    }
  }

  @Test
  void postgresRewritesScansAndValidations() {
    Table before =
        table("users", ID, col("age", "integer", true), col("name", "varchar(10)", true));
    Table after =
        new Table(
            "users",
            List.of(
                ID,
                col("age", "bigint", false),
                col("name", "varchar(20)", true),
                col("token", "uuid", true).withDefault("gen_random_uuid()")),
            before.primaryKey(),
            List.of(),
            List.of(
                new ForeignKey(
                    "fk_org", List.of("id"), null, "orgs", List.of("id"), null, null, null)),
            List.of(new Check("age_positive", "age > 0", null)),
            null,
            null);
    LintReport r =
        lint(
            context(
                "postgres",
                realm(before),
                realm(after),
                null,
                "ALTER TABLE users ALTER COLUMN age TYPE bigint",
                "ALTER TABLE users ADD CONSTRAINT fk_org FOREIGN KEY (id) REFERENCES orgs (id) NOT VALID",
                "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0)"));
    assertEquals(1, only(r, Code.LK102).size(), r.toString()); // varchar widening does not rewrite
    assertEquals(1, only(r, Code.LK103).size());
    assertEquals(1, only(r, Code.LK104).size());
    assertEquals(List.of(), only(r, Code.LK105));
    assertEquals(2, only(r, Code.LK106).get(0).statement());
  }

  @Test
  void mysqlCopyAndSqliteRebuild() {
    Table before = table("users", ID, col("age", "integer", true));
    Table after = table("users", ID, col("age", "bigint", true));
    assertEquals(
        1, only(lint(context("mysql", realm(before), realm(after), null)), Code.LK107).size());
    assertEquals(
        1, only(lint(context("sqlite", realm(before), realm(after), null)), Code.LK108).size());
    assertEquals(
        List.of(), only(lint(context("postgres", realm(before), realm(after), null)), Code.LK107));
  }

  @Test
  void namingRulesApplyToNewNamesOnly() {
    Table existing = table("LegacyTable", ID);
    Table added = table("UserAccounts", ID, col("FullName", "text", true));
    Realm from = realm(existing);
    Realm to = realm(existing.withColumns(List.of(ID, col("BadCol", "text", true))), added);
    Linter linter =
        Linter.standard(
            List.of(
                new NamingRule("table", Pattern.compile("^[a-z_]+$"), "must be snake_case"),
                new NamingRule("column", Pattern.compile("^[a-z_]+$"), null)));
    LintReport r = linter.lint(context("sqlite", from, to, null));
    assertEquals(
        List.of(
            "column LegacyTable.BadCol: does not match ^[a-z_]+$",
            "table UserAccounts: must be snake_case",
            "column UserAccounts.FullName: does not match ^[a-z_]+$"),
        only(r, Code.NM101).stream().map(Diagnostic::message).toList());
  }
}
