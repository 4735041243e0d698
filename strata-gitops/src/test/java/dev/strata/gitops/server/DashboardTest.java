package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.JdbcStateStore;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard page: states derived from the audit log, locks, and escaping of hostile text. */
class DashboardTest {
  @TempDir Path dir;

  @Test
  void showsStatesAndLocksAndEscapesEverything() {
    try (JdbcStateStore store = Stores.open("sqlite://" + dir.resolve("state.db"))) {
      String evil = "<script>alert(1)</script>";
      store.beginRun(
          new RunRecord("r1", "plan", 3, "a", "b", evil, JdbcStateStore.now(), null, "ok", evil));
      store.audit(
          new AuditEntry(JdbcStateStore.now(), "bob", "drift", 0, "c", "db", "prod", "drift: x"));
      store.audit(
          new AuditEntry(JdbcStateStore.now(), "bob", "plan", 3, "b", "db", "dev", "planned"));
      store.lock("db", "dev", 3, "bbbbbbbb", "bob");
      String html = Dashboard.render(store);
      assertFalse(html.contains(evil), html);
      assertTrue(html.contains("&lt;script&gt;"), html);
      assertTrue(html.contains("db/prod</td><td>drift"), html);
      assertTrue(html.contains("db/dev</td><td>pending plan</td><td>locked by PR #3"), html);
    }
  }

  @Test
  void auditEntriesMapToStates() {
    assertEquals("in sync", Dashboard.state(entry("apply", "applied: 2 statements")));
    assertEquals("apply: error", Dashboard.state(entry("apply", "error: boom")));
    assertEquals("in sync", Dashboard.state(entry("drift", "in sync")));
    assertEquals(null, Dashboard.state(entry("unlock", "released")));
  }

  private static AuditEntry entry(String action, String detail) {
    return new AuditEntry("t", "a", action, 1, "c", "p", "e", detail);
  }
}
