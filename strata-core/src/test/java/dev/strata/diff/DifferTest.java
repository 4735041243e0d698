package dev.strata.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.change.SchemaChange;
import dev.strata.change.SchemaChange.ColumnChangeKind;
import dev.strata.change.TableChange;
import dev.strata.dialect.DiffHooks;
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
import dev.strata.model.View;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DifferTest {
  private final Differ differ = new Differ(new DiffHooks() {});

  static Table table(String name, Column... cols) {
    return new Table(
        name,
        List.of(cols),
        new PrimaryKey(null, List.of(IndexPart.column(cols[0].name()))),
        List.of(),
        List.of(),
        List.of(),
        null,
        Attrs.EMPTY);
  }

  static Realm realm(Table... tables) {
    return new Realm(List.of(new Schema("main", List.of(tables))));
  }

  static Column col(String name, String type) {
    return new Column(name, type, false);
  }

  @Test
  void identicalSchemasHaveNoChanges() {
    Realm r = realm(table("users", col("id", "integer"), col("name", "text")));
    assertEquals(List.of(), differ.diff(r, r));
  }

  @Test
  void addsAndDropsTables() {
    Table a = table("a", col("id", "integer"));
    Table b = table("b", col("id", "integer"));
    List<SchemaChange> changes = differ.diff(realm(a), realm(b));
    assertEquals(
        List.of(new SchemaChange.DropTable("main", a), new SchemaChange.AddTable("main", b)),
        changes);
  }

  @Test
  void columnChangesAreTyped() {
    Table from = table("t", col("id", "integer"), col("a", "text"), col("gone", "text"));
    Table to =
        table(
            "t",
            col("id", "integer"),
            new Column("a", "varchar(10)", true, "'x'", false, null, null, null, Attrs.EMPTY),
            col("added", "text"));
    List<SchemaChange> changes = differ.diff(realm(from), realm(to));
    assertEquals(1, changes.size());
    SchemaChange.ModifyTable m = assertInstanceOf(SchemaChange.ModifyTable.class, changes.get(0));
    assertEquals(
        List.of(
            new TableChange.DropColumn(col("gone", "text")),
            new TableChange.ModifyColumn(
                from.column("a").get(),
                to.column("a").get(),
                Set.of(ColumnChangeKind.TYPE, ColumnChangeKind.NULL, ColumnChangeKind.DEFAULT)),
            new TableChange.AddColumn(col("added", "text"))),
        m.changes());
  }

  @Test
  void renameHintsGiveRenames() {
    Table from = table("people", col("id", "integer"), col("fullname", "text"));
    Column renamedCol =
        new Column(
            "name",
            "text",
            false,
            null,
            false,
            null,
            null,
            null,
            Attrs.of("renamed_from", "fullname"));
    Table to =
        new Table(
            "users",
            List.of(col("id", "integer"), renamedCol),
            from.primaryKey(),
            List.of(),
            List.of(),
            List.of(),
            null,
            Attrs.of("renamed_from", "people"));
    List<SchemaChange> changes = differ.diff(realm(from), realm(to));
    assertInstanceOf(SchemaChange.RenameTable.class, changes.get(0));
    SchemaChange.ModifyTable m = assertInstanceOf(SchemaChange.ModifyTable.class, changes.get(1));
    assertEquals(
        List.of(new TableChange.RenameColumn(from.column("fullname").get(), renamedCol)),
        m.changes());
  }

  @Test
  void unnamedConstraintsMatchByContent() {
    ForeignKey fk =
        new ForeignKey(null, List.of("uid"), null, "users", List.of("id"), null, null, null);
    ForeignKey named =
        new ForeignKey(
            "fk_uid", List.of("uid"), null, "users", List.of("id"), "NO ACTION", null, null);
    Table from =
        withFkAndCheck(table("t", col("id", "integer"), col("uid", "integer")), fk, "uid > 0");
    Table to = withFkAndCheck(from, named, "uid > 0");
    assertEquals(
        List.of(), differ.diff(realm(from), realm(to)), "same FK, NO ACTION is the default");

    Table changed = withFkAndCheck(from, fk, "uid > 1");
    SchemaChange.ModifyTable m =
        assertInstanceOf(
            SchemaChange.ModifyTable.class, differ.diff(realm(from), realm(changed)).get(0));
    assertEquals(
        List.of(
            new TableChange.DropCheck(new Check(null, "uid > 0", null)),
            new TableChange.AddCheck(new Check(null, "uid > 1", null))),
        m.changes());
  }

  @Test
  void indexChangeIsDropAndAdd() {
    Index i1 = new Index("ix", false, List.of(IndexPart.column("a")), null, null);
    Index i2 = new Index("ix", true, List.of(IndexPart.column("a")), null, null);
    Table from = table("t", col("id", "integer"), col("a", "text")).withIndexes(List.of(i1));
    Table to = from.withIndexes(List.of(i2));
    SchemaChange.ModifyTable m =
        assertInstanceOf(
            SchemaChange.ModifyTable.class, differ.diff(realm(from), realm(to)).get(0));
    assertEquals(List.of(new TableChange.DropIndex(i1), new TableChange.AddIndex(i2)), m.changes());
  }

  @Test
  void caseInsensitiveDialectsMatchNamesIgnoringCase() {
    Differ ci =
        new Differ(
            new DiffHooks() {
              @Override
              public boolean caseInsensitiveNames() {
                return true;
              }
            });
    Realm a = realm(table("USERS", col("id", "integer")));
    Realm b = realm(table("users", col("id", "integer")));
    assertEquals(List.of(), ci.diff(a, b));
    assertEquals(2, differ.diff(a, b).size(), "case-sensitive dialects see two tables");
  }

  @Test
  void viewsAndObjects() {
    View v1 = new View("v", "SELECT 1", null, null);
    View v2 = new View("v", "SELECT 2", null, null);
    SchemaObject e1 = new SchemaObject.EnumType("mood", List.of("sad", "ok"), null);
    SchemaObject e2 = new SchemaObject.EnumType("mood", List.of("sad", "ok", "happy"), null);
    Schema from = new Schema("s", List.of(), List.of(v1), List.of(), List.of(e1), null);
    Schema to = new Schema("s", List.of(), List.of(v2), List.of(), List.of(e2), null);
    assertEquals(
        List.of(
            new SchemaChange.ModifyView("s", v1, v2), new SchemaChange.ModifyObject("s", e1, e2)),
        differ.diff(from, to));
  }

  @Test
  void schemasAreAddedAndDropped() {
    Realm from = new Realm(List.of(new Schema("old", List.of())));
    Realm to = new Realm(List.of(new Schema("new", List.of())));
    List<SchemaChange> changes = differ.diff(from, to);
    assertEquals(2, changes.size());
    assertInstanceOf(SchemaChange.DropSchema.class, changes.get(0));
    assertInstanceOf(SchemaChange.AddSchema.class, changes.get(1));
    assertTrue(Destructive.find(changes).get(0).startsWith("drop schema old"));
  }

  private static Table withFkAndCheck(Table t, ForeignKey fk, String check) {
    return new Table(
        t.name(),
        t.columns(),
        t.primaryKey(),
        t.indexes(),
        List.of(fk),
        List.of(new Check(null, check, null)),
        t.comment(),
        t.attrs());
  }

  @Test
  void contradictoryRenameHintIsAnInputError() {
    Table from = table("t", col("id", "integer"), col("username", "text"));
    Column hinted =
        new Column(
            "user_name",
            "text",
            false,
            null,
            false,
            null,
            null,
            null,
            Attrs.of("renamed_from", "username"));
    Table to = table("t", col("id", "integer"), col("username", "text"), hinted);
    dev.strata.InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.strata.InputException.class, () -> differ.diff(realm(from), realm(to)));
    assertEquals(
        "cannot rename column username to user_name in table t: the desired schema still has a"
            + " column username",
        e.getMessage());
  }
}
