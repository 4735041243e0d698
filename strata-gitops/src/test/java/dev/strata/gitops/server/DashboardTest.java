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
  void passwordsInStoredTextAreMasked() {
    try (JdbcStateStore store = Stores.open("sqlite://" + dir.resolve("state.db"))) {
      String failed = "error: connecting to postgres://app:hunter2@db.internal/app: refused";
      store.beginRun(
          new RunRecord(
              "r2", "apply", 4, "a", "b", "carol", JdbcStateStore.now(), null, "error", failed));
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(),
              "carol",
              "apply",
              4,
              "b",
              "db",
              "prod",
              "error: mysql://root:s3cret@10.0.0.5/shop?password=other"));
      String html = Dashboard.render(store);
      assertFalse(html.contains("hunter2") || html.contains("s3cret"), html);
      assertFalse(html.contains("other"), html);
      assertTrue(html.contains("postgres://app:****@db.internal/app"), html);
      assertTrue(html.contains("mysql://root:****@10.0.0.5/shop?password=****"), html);
    }
  }

  @Test
  void runsOfTheSameQuarterHourHaveDistinctLabels() {
    try (JdbcStateStore store = Stores.open("sqlite://" + dir.resolve("state.db"))) {
      String a = JdbcStateStore.newId();
      String b = JdbcStateStore.newId();
      for (String id : new String[] {a, b}) {
        store.beginRun(
            new RunRecord(id, "plan", 1, "x", "y", "bob", JdbcStateStore.now(), null, "ok", "s"));
      }
      String html = Dashboard.render(store);
      assertTrue(!Dashboard.runLabel(a).equals(Dashboard.runLabel(b)), a + " " + b);
      assertTrue(
          html.contains("<a href=\"#run-" + a + "\">" + Dashboard.runLabel(a) + "</a>"), html);
      assertTrue(
          html.contains("<a href=\"#run-" + b + "\">" + Dashboard.runLabel(b) + "</a>"), html);
      assertEquals(a.substring(14, 22), Dashboard.runLabel(a));
    }
  }

  @Test
  void anApplyRunShowsWhatItDidPerEnvironment() {
    try (JdbcStateStore store = Stores.open("sqlite://" + dir.resolve("state.db"))) {
      String started = JdbcStateStore.now();
      store.beginRun(
          new RunRecord("r-apply", "apply", 5, "a", "c0ffee", "dana", started, null, "ok", "x"));
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(),
              "dana",
              "apply",
              5,
              "c0ffee",
              "db",
              "prod",
              "applied: Applied 3 statements to postgres://app:pw9@db/app"));
      store.audit(
          new AuditEntry(
              JdbcStateStore.now(), "dana", "apply", 6, "c0ffee", "db", "dev", "other PR"));
      String html = Dashboard.render(store);
      int run = html.indexOf("id=\"run-r-apply\"");
      assertTrue(run > 0, html);
      String detail = html.substring(run, html.indexOf("Audit log"));
      assertTrue(
          detail.contains(
              "<li>db/prod: applied: Applied 3 statements to postgres://app:****@db/app</li>"),
          detail);
      assertFalse(detail.contains("other PR"), detail);
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

  @Test
  void withoutATokenOnlyLoopbackIsServedWithOneTheTokenIsRequiredEverywhere() throws Exception {
    java.net.InetAddress loopback = java.net.InetAddress.getByName("127.0.0.1");
    java.net.InetAddress v6loopback = java.net.InetAddress.getByName("::1");
    // an address object only (TEST-NET-1, RFC 5737): nothing is sent anywhere
    java.net.InetAddress remote = java.net.InetAddress.getByName("192.0.2.10");
    assertTrue(Dashboard.allowed(null, loopback, null, null));
    assertTrue(Dashboard.allowed(null, v6loopback, null, null));
    assertFalse(Dashboard.allowed(null, remote, null, null));
    assertFalse(Dashboard.allowed(null, remote, "Bearer anything", "token=anything"));

    dev.strata.gitops.github.Secret token = dev.strata.gitops.github.Secret.of("t0k/en+1");
    assertFalse(Dashboard.allowed(token, loopback, null, null), "loopback needs it too");
    assertFalse(Dashboard.allowed(token, remote, null, null));
    assertFalse(Dashboard.allowed(token, remote, "Bearer t0k/en+2", null));
    assertFalse(Dashboard.allowed(token, remote, "Basic t0k/en+1", null));
    assertFalse(Dashboard.allowed(token, remote, null, "token=t0k/en"));
    assertTrue(Dashboard.allowed(token, remote, "Bearer t0k/en+1", null));
    assertTrue(Dashboard.allowed(token, remote, null, "x=1&token=t0k%2Fen%2B1"));
  }
}
