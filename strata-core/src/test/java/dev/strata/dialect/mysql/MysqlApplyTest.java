package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.apply.ApplyException;
import dev.strata.apply.ApplyListener;
import dev.strata.apply.StepwiseExecutor;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import dev.strata.plan.Statement;
import dev.strata.source.LoadContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans and applies migrations on the local server: convergence, rows, failures, resume, lock. */
class MysqlApplyTest {
  @TempDir Path tmp;

  static Strata strata(MysqlTestDb db) {
    return new Strata(new LoadContext(new MysqlDialect(), db.url(), null, Map.of(), null));
  }

  static long count(MysqlTestDb db, String sql) throws Exception {
    try (Connection c = db.open();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void migratesAndConvergesKeepingRows() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(20))",
          "CREATE TABLE posts (id int PRIMARY KEY, user_id int, body text)",
          "INSERT INTO users (name) VALUES ('ann'), ('bob'), ('cy')",
          "INSERT INTO posts VALUES (1, 1, 'hi'), (2, 2, 'yo')");
      Path desired =
          Files.writeString(
              tmp.resolve("desired.sql"),
              "CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                  + " name varchar(40) NOT NULL DEFAULT '', email varchar(100),"
                  + " UNIQUE KEY uk_name (name));\n"
                  + "CREATE TABLE posts (id int PRIMARY KEY, user_id int, body text,"
                  + " created_at datetime DEFAULT CURRENT_TIMESTAMP,"
                  + " CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id));\n"
                  + "CREATE VIEW user_posts AS SELECT u.name, p.body FROM users u"
                  + " JOIN posts p ON p.user_id = u.id;\n");
      Strata s = strata(db);
      Realm want = s.load("file://" + desired);
      Plan plan = s.plan(s.inspect(db.url()), want);
      assertFalse(plan.transactional());
      String sql = PlanText.sql(plan);
      assertTrue(sql.contains("ALTER TABLE `users`"), sql);
      assertTrue(sql.indexOf("CREATE VIEW") > sql.indexOf("ALTER TABLE `posts`"), sql);
      s.apply(db.url(), plan, null);
      Plan again = s.plan(s.inspect(db.url()), want);
      assertTrue(again.isEmpty(), PlanText.sql(again));
      assertEquals(3, count(db, "SELECT COUNT(*) FROM users"));
      assertEquals(2, count(db, "SELECT COUNT(*) FROM user_posts"));
      assertEquals(0, count(db, "SELECT COUNT(*) FROM " + StepwiseExecutor.PROGRESS_TABLE));
      assertFalse(
          s.inspect(db.url()).schemas().get(0).table(StepwiseExecutor.PROGRESS_TABLE).isPresent());
    }
  }

  @Test
  void reportsAFailedStatementAndResumesThere() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE a (id int PRIMARY KEY)",
          "CREATE TABLE b (id int PRIMARY KEY, v int)",
          "INSERT INTO b VALUES (1, 7), (2, 7)");
      Plan plan =
          new Plan(
              List.of(),
              List.of(
                  new Statement("ALTER TABLE a ADD COLUMN x int", null, "one"),
                  new Statement("ALTER TABLE b ADD UNIQUE INDEX uv (v)", null, "two"),
                  new Statement("ALTER TABLE a ADD COLUMN y int", null, "three")),
              false);
      Strata s = strata(db);
      ApplyException e = assertThrows(ApplyException.class, () -> s.apply(db.url(), plan, null));
      assertEquals(2, e.failedIndex());
      assertEquals(1, e.appliedCount());
      assertTrue(e.getMessage().contains("applied: 1 of 3"), e.getMessage());
      assertTrue(e.getMessage().contains("not applied: statements 2 to 3"), e.getMessage());
      db.exec("UPDATE b SET v = id");
      List<Integer> ran = new ArrayList<>();
      ApplyListener rec =
          new ApplyListener() {
            @Override
            public void starting(int index, int total, Statement statement) {
              ran.add(index);
            }
          };
      assertEquals(2, s.apply(db.url(), plan, rec));
      assertEquals(List.of(2, 3), ran, "statement 1 is not run again");
      assertEquals(
          2,
          count(
              db,
              "SELECT COUNT(*) FROM information_schema.COLUMNS"
                  + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'a' AND COLUMN_NAME IN ('x', 'y')"));
    }
  }

  @Test
  void refusesWhileAnotherApplyHoldsTheLock() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create();
        Connection holder = db.open()) {
      try (PreparedStatement ps = holder.prepareStatement("SELECT GET_LOCK(?, 0)")) {
        ps.setString(1, MysqlDialect.lockName(holder));
        ps.executeQuery().close();
      }
      Plan plan =
          new Plan(List.of(), List.of(new Statement("CREATE TABLE t (id int)", null, "t")), false);
      System.setProperty("strata.mysql.lock_wait_timeout", "1");
      try {
        ApplyException e =
            assertThrows(ApplyException.class, () -> strata(db).apply(db.url(), plan, null));
        assertTrue(e.getMessage().contains("another apply holds the lock"), e.getMessage());
      } finally {
        System.clearProperty("strata.mysql.lock_wait_timeout");
      }
    }
  }
}
