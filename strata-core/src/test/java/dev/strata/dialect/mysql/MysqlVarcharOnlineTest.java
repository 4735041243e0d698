package dev.strata.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.model.Realm;
import dev.strata.plan.Plan;
import dev.strata.plan.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lengthening a VARCHAR is done in place without blocking writes when the number of length bytes
 * stays the same (data up to 255 bytes, or beyond before and after); the plan says so, and the
 * server accepts the {@code ALGORITHM=INPLACE, LOCK=NONE} clause. Crossing 255 bytes copies.
 */
class MysqlVarcharOnlineTest {
  @TempDir Path tmp;

  private Plan planAndApply(MysqlTestDb db, String desired, boolean online) throws Exception {
    Strata s = MysqlApplyTest.strata(db);
    Realm want = s.load("file://" + Files.writeString(tmp.resolve("d.sql"), desired));
    Realm current = s.inspect(db.url());
    Plan plan = s.plan(current, want);
    String sql = PlanText.sql(plan);
    assertEquals(online, sql.contains("ALGORITHM=INPLACE, LOCK=NONE"), sql);
    assertEquals(!online, sql.contains("copies the table"), sql);
    // lint agrees with the plan: LK107 ("copies ... blocks writes") only when it does
    List<String> lint =
        s.review(db.url(), plan, current, want, List.of()).lint().diagnostics().stream()
            .map(d -> d.code() + " " + d.message())
            .toList();
    assertEquals(!online, lint.stream().anyMatch(l -> l.startsWith("LK107")), lint.toString());
    s.apply(db.url(), plan, null);
    assertTrue(s.plan(s.inspect(db.url()), want).isEmpty(), "converged");
    return plan;
  }

  @Test
  void lengtheningWithinTheSameLengthBytesIsOnline() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE t (id int PRIMARY KEY, v varchar(20), KEY kv (v))"
              + " DEFAULT CHARSET=utf8mb4",
          "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
      Plan plan =
          planAndApply(
              db,
              "CREATE TABLE t (id int PRIMARY KEY, v varchar(40) NOT NULL, KEY kv (v))"
                  + " DEFAULT CHARSET=utf8mb4;\n",
              true);
      assertFalse(PlanText.sql(plan).contains("copies"), PlanText.sql(plan));
      assertEquals(2, MysqlApplyTest.count(db, "SELECT COUNT(*) FROM t WHERE v IN ('a', 'b')"));

      db.exec(
          "CREATE TABLE l (id int PRIMARY KEY, v varchar(100)) DEFAULT CHARSET=latin1",
          "INSERT INTO l VALUES (1, 'a')");
      planAndApply(
          db,
          "CREATE TABLE t (id int PRIMARY KEY, v varchar(40) NOT NULL, KEY kv (v))"
              + " DEFAULT CHARSET=utf8mb4;\n"
              + "CREATE TABLE l (id int PRIMARY KEY, v varchar(200)) DEFAULT CHARSET=latin1;\n",
          true);
    }
  }

  @Test
  void crossing255BytesCopies() throws Exception {
    try (MysqlTestDb db = MysqlTestDb.create()) {
      db.exec(
          "CREATE TABLE t (id int PRIMARY KEY, v varchar(60)) DEFAULT CHARSET=utf8mb4",
          "INSERT INTO t VALUES (1, 'a')");
      planAndApply(
          db,
          "CREATE TABLE t (id int PRIMARY KEY, v varchar(80)) DEFAULT CHARSET=utf8mb4;\n",
          false);
    }
  }
}
