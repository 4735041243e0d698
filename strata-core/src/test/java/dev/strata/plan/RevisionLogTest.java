package dev.strata.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.model.Column;
import dev.strata.model.Realm;
import dev.strata.model.Schema;
import dev.strata.model.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionLogTest {
  @Test
  void recordsAndListsRevisionsInTheTargetDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      RevisionLog log = new RevisionLog(c, "sqlite", null);
      assertEquals(List.of(), log.list());
      Revision ok =
          new Revision(
              "1",
              "p1",
              "f",
              "t",
              "ann",
              "2026-01-01T00:00:00Z",
              12,
              2,
              "CREATE TABLE a (id int);",
              Revision.OK,
              null);
      Revision bad =
          new Revision(
              "2",
              "p2",
              "t",
              "u",
              "bob",
              "2026-01-02T00:00:00Z",
              3,
              1,
              "DROP TABLE a;",
              Revision.FAILED,
              "no such table");
      log.record(bad);
      log.record(ok);
      assertEquals(List.of(ok, bad), log.list());
      c.setAutoCommit(false);
      log.record(
          new Revision(
              "3", "p3", null, null, "cy", "2026-01-03T00:00:00Z", 0, 0, "", Revision.OK, null));
      c.rollback();
      assertEquals(3, new RevisionLog(c, "sqlite", "main").list().size());
    }
  }

  @Test
  void userComesFromStrataUserThenTheOs() {
    assertEquals("deploy-bot", RevisionLog.currentUser(Map.of("STRATA_USER", "deploy-bot")));
    assertEquals(System.getProperty("user.name"), RevisionLog.currentUser(Map.of()));
  }

  @Test
  void realmWithoutTheLogTable() {
    Table t =
        new Table(
            RevisionLog.TABLE,
            List.of(new Column("id", "text", false)),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null);
    Table u = t.withName("users");
    Realm r = new Realm(List.of(new Schema("main", List.of(t, u))));
    assertEquals(
        new Realm(List.of(new Schema("main", List.of(u)))), RevisionLog.withoutLog(r, null));
    // Without the user's last table the default schema stays, empty, as it would without the log.
    Realm onlyLog = new Realm(List.of(new Schema("main", List.of(t))));
    assertEquals(
        new Realm(List.of(new Schema("main", List.of()))), RevisionLog.withoutLog(onlyLog, null));
    // A schema made just for the log (--revisions-schema) is not the user's: it disappears.
    Realm ownSchema =
        new Realm(List.of(new Schema("main", List.of(u)), new Schema("strata", List.of(t))));
    assertEquals(
        new Realm(List.of(new Schema("main", List.of(u)))),
        RevisionLog.withoutLog(ownSchema, "strata"));
  }
}
