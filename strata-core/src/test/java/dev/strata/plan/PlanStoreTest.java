package dev.strata.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.InputException;
import dev.strata.dialect.DbUrl;
import dev.strata.dialect.DiffHooks;
import dev.strata.diff.Differ;
import dev.strata.lint.Code;
import dev.strata.lint.Diagnostic;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.lint.impact.Impact;
import dev.strata.model.Attrs;
import dev.strata.model.Check;
import dev.strata.model.Column;
import dev.strata.model.ForeignKey;
import dev.strata.model.Index;
import dev.strata.model.IndexPart;
import dev.strata.model.PrimaryKey;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.SchemaObject;
import dev.strata.model.Table;
import dev.strata.model.Trigger;
import dev.strata.model.View;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanStoreTest {
  static Table users(List<Index> indexes, Column... extra) {
    List<Column> cols =
        new java.util.ArrayList<>(
            List.of(new Column("id", "integer", false), new Column("email", "varchar(64)", true)));
    cols.addAll(List.of(extra));
    return new Table(
        "users",
        cols,
        new PrimaryKey(null, List.of(IndexPart.column("id"))),
        indexes,
        List.of(
            new ForeignKey(
                "fk_org", List.of("id"), null, "orgs", List.of("id"), null, "CASCADE", null)),
        List.of(new Check("c1", "id > 0", null), new Check("c2", "id < 9", null)),
        "people",
        Attrs.of("strict", "true"));
  }

  static final Index A = new Index("a", false, List.of(IndexPart.column("email")), null, null);
  static final Index B = new Index("b", true, List.of(IndexPart.column("id")), "id > 1", null);
  static final Table ORGS =
      new Table(
          "orgs",
          List.of(new Column("id", "integer", false)),
          null,
          List.of(),
          List.of(),
          List.of(),
          null,
          null);

  static Realm realm(Table... tables) {
    return new Realm(
        List.of(
            new Schema(
                "main",
                List.of(tables),
                List.of(new View("v", "SELECT 1", null, null)),
                List.of(new Trigger("t", "users", "CREATE TRIGGER t ...", null)),
                List.of(
                    new SchemaObject.EnumType("status", List.of("a", "b"), null),
                    new SchemaObject.Sequence(
                        "s", "bigint", 1L, null, null, null, null, false, null, null)),
                null)));
  }

  @Test
  void hashIgnoresOrderWhereOrderDoesNotMatter() {
    String h = SchemaHash.of(realm(users(List.of(A, B)), ORGS));
    assertEquals(64, h.length());
    assertEquals(h, SchemaHash.of(realm(ORGS, users(List.of(B, A)))));
    assertEquals(h, SchemaHash.of(realm(users(List.of(A, B)), ORGS)));
  }

  @Test
  void hashSeesRealDifferencesButNotRenameHints() {
    String h = SchemaHash.of(realm(users(List.of(A)), ORGS));
    assertNotEquals(h, SchemaHash.of(realm(users(List.of(A), new Column("x", "int", true)), ORGS)));
    Table swapped = users(List.of(A));
    swapped = swapped.withColumns(List.of(swapped.columns().get(1), swapped.columns().get(0)));
    assertNotEquals(h, SchemaHash.of(realm(swapped, ORGS)), "column order is part of the schema");
    Table hinted = users(List.of(A));
    hinted =
        new Table(
            hinted.name(),
            hinted.columns(),
            hinted.primaryKey(),
            hinted.indexes(),
            hinted.foreignKeys(),
            hinted.checks(),
            hinted.comment(),
            hinted.attrs().with(Differ.RENAMED_FROM, "people"));
    assertEquals(h, SchemaHash.of(realm(hinted, ORGS)));
  }

  @Test
  void planFileRoundTrip() {
    Realm from = realm(users(List.of(A, B)), ORGS);
    Realm to = realm(users(List.of(A, B), new Column("created_at", "datetime", false)), ORGS);
    Plan plan =
        new Plan(
            List.of(),
            List.of(
                new Statement(
                    "ALTER TABLE users ADD COLUMN created_at datetime NOT NULL",
                    "ALTER TABLE users DROP COLUMN created_at",
                    "add column created_at to users"),
                new Statement("DROP TABLE \"x\"", null, "drop table x")),
            true);
    LintReport lint =
        new LintReport(
            List.of(
                new Diagnostic(
                    Code.DD101,
                    Severity.ERROR,
                    "users.created_at: 3 rows would violate NOT NULL \"quoted\"\n",
                    0,
                    "users.created_at"),
                new Diagnostic(Code.LK108, Severity.INFO, "no statement", null, null)));
    List<Impact> impact =
        List.of(
            new Impact(
                0,
                "users",
                3L,
                null,
                "database write lock",
                Impact.Work.NONE,
                Impact.Duration.INSTANT));
    PlanFile file =
        PlanFile.of(
            plan,
            from,
            to,
            DbUrl.parse("postgres://app:s3cret@db:5432/app"),
            "postgres",
            lint,
            impact,
            Instant.parse("2026-01-02T03:04:05Z"));
    String json = file.toJson();
    assertTrue(json.contains("\"target\": \"postgres://app:****@db:5432/app\""), json);
    assertTrue(!json.contains("s3cret"));
    PlanFile back = PlanFile.parse(json, "plan.json");
    assertEquals(file, back);
    assertEquals(file.hash(), back.hash());
    assertEquals(SchemaHash.of(from), back.fromHash());
    assertEquals(SchemaHash.of(from), SchemaHash.of(back.from()));
    assertEquals(plan.statements(), back.plan().statements());
  }

  @Test
  void malformedPlanFilesAreInputErrors() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> PlanFile.parse("{\"version\": 1,\n  \"statements\": [}", "p.json"));
    assertEquals("p.json:2:18: unexpected character '}'", e.getMessage());
    assertEquals(
        "p.json: not a Strata plan file (no \"statements\")",
        assertThrows(InputException.class, () -> PlanFile.parse("[]", "p.json")).getMessage());
    assertEquals(
        "p.json: unsupported plan file version 7 (expected 1)",
        assertThrows(
                InputException.class,
                () -> PlanFile.parse("{\"version\": 7, \"statements\": []}", "p.json"))
            .getMessage());
  }

  @Test
  void driftGuardExplainsWhatChanged() {
    Realm from = realm(users(List.of(A)), ORGS);
    PlanFile file =
        PlanFile.of(
            new Plan(List.of(), List.of(), true),
            from,
            from,
            null,
            "sqlite",
            null,
            List.of(),
            Instant.EPOCH);
    DriftGuard guard = new DriftGuard(new DiffHooks() {});
    guard.checkBefore(file, realm(ORGS, users(List.of(A))));
    Realm live = realm(users(List.of(), new Column("x", "text", true)));
    DriftException e = assertThrows(DriftException.class, () -> guard.checkBefore(file, live));
    assertEquals(
        "the database changed since this plan was made: table orgs was dropped; table users lost"
            + " index a; table users gained column x; make a new plan",
        e.getMessage());
    Realm wrong =
        realm(users(List.of(A)), ORGS.withColumns(List.of(new Column("id", "bigint", false))));
    assertEquals(
        List.of("table orgs column id changed (type, integer → bigint)"),
        assertThrows(DriftException.class, () -> guard.checkAfter(file, wrong, from)).changes());
  }
}
