package dev.strata.gitops.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.strata.dialect.DbUrl;
import dev.strata.gitops.github.Secret;
import dev.strata.gitops.store.AuditEntry;
import dev.strata.gitops.store.EnvLock;
import dev.strata.gitops.store.RunRecord;
import dev.strata.gitops.store.StateStore;
import dev.strata.gitops.store.StoredPlan;
import dev.strata.gitops.store.Stores;
import dev.strata.lint.Diagnostic;
import dev.strata.plan.Statement;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /}: a read-only HTML page over the GitOps state store: every project environment with
 * its state (in sync, pending plan, drift, locked by which pull request), the recent runs with the
 * SQL and lint findings of their plans, and the audit log. Everything shown is HTML-escaped and
 * passwords in URLs are masked. Access needs the {@code STRATA_DASHBOARD_TOKEN} (as a bearer token
 * or {@code ?token=}) unless the request comes from loopback.
 */
public final class Dashboard implements HttpHandler {
  private static final int RUNS = 30;
  private static final int AUDIT = 100;

  private final String stateUrl;
  private final Secret token;

  /** {@code token} may be null: then only loopback clients are served. */
  public Dashboard(String stateUrl, Secret token) {
    this.stateUrl = stateUrl;
    this.token = token;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET")) {
        send(ex, 405, "use GET");
        return;
      }
      if (!ex.getRequestURI().getPath().equals("/")) {
        send(ex, 404, "not found");
        return;
      }
      if (!allowed(ex)) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        send(ex, 401, "the dashboard needs STRATA_DASHBOARD_TOKEN (bearer or ?token=)");
        return;
      }
      String html;
      try (StateStore store = Stores.open(stateUrl)) {
        html = render(store);
      } catch (RuntimeException e) {
        send(ex, 503, "state store unavailable: " + DbUrl.mask(String.valueOf(e.getMessage())));
        return;
      }
      byte[] out = html.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.getResponseHeaders()
          .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
    }
  }

  private boolean allowed(HttpExchange ex) {
    return allowed(
        token,
        ex.getRemoteAddress().getAddress(),
        ex.getRequestHeaders().getFirst("Authorization"),
        ex.getRequestURI().getRawQuery());
  }

  /**
   * Whether a request may see the page: with a token configured, only one presenting it (bearer
   * header or {@code ?token=}), from anywhere; without one, only loopback clients.
   */
  static boolean allowed(Secret token, InetAddress client, String authorization, String query) {
    if (token == null) {
      return client.isLoopbackAddress();
    }
    String given = null;
    if (authorization != null && authorization.startsWith("Bearer ")) {
      given = authorization.substring(7).trim();
    }
    if (given == null && query != null) {
      for (String kv : query.split("&")) {
        if (kv.startsWith("token=")) {
          given = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
        }
      }
    }
    return given != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8),
            token.reveal().getBytes(StandardCharsets.UTF_8));
  }

  /** The page for the store's current content. */
  static String render(StateStore store) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Strata</title><style>")
        .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}")
        .append("pre{background:#f6f8fa;padding:.5em;margin:0}</style></head><body>")
        .append("<h1>Strata</h1>");
    environments(sb, store);
    List<RunRecord> runs = store.runs(RUNS);
    sb.append("<h2>Recent runs</h2><table><tr><th>run</th><th>kind</th><th>PR</th><th>commit</th>")
        .append("<th>by</th><th>started</th><th>status</th><th>summary</th></tr>");
    for (RunRecord r : runs) {
      sb.append("<tr><td><a href=\"#run-")
          .append(esc(r.id()))
          .append("\">")
          .append(esc(runLabel(r.id())))
          .append("</a></td>");
      cells(
          sb,
          r.kind(),
          r.pr() > 0 ? "#" + r.pr() : "",
          shortId(r.head()),
          r.actor(),
          r.startedAt(),
          r.status(),
          r.summary());
      sb.append("</tr>");
    }
    sb.append("</table>");
    List<AuditEntry> recent = store.audit(AUDIT);
    for (RunRecord r : runs) {
      runDetail(sb, store, r, recent);
    }
    sb.append("<h2>Audit log</h2><table><tr><th>at</th><th>by</th><th>action</th><th>PR</th>")
        .append("<th>project/env</th><th>detail</th></tr>");
    for (AuditEntry a : store.audit(AUDIT)) {
      sb.append("<tr>");
      cells(
          sb,
          a.at(),
          a.actor(),
          a.action(),
          a.pr() > 0 ? "#" + a.pr() : "",
          a.project() == null ? "" : a.project() + "/" + a.env(),
          a.detail());
      sb.append("</tr>");
    }
    return sb.append("</table></body></html>\n").toString();
  }

  private static void environments(StringBuilder sb, StateStore store) {
    Map<String, String> state = new LinkedHashMap<>();
    List<AuditEntry> audit = store.audit(1000);
    for (int i = audit.size() - 1; i >= 0; i--) {
      AuditEntry a = audit.get(i);
      if (a.project() != null && a.env() != null) {
        String s = state(a);
        if (s != null) {
          state.put(a.project() + "/" + a.env(), s);
        }
      }
    }
    Map<String, EnvLock> locks = new LinkedHashMap<>();
    for (EnvLock l : store.locks()) {
      locks.put(l.project() + "/" + l.env(), l);
      state.putIfAbsent(l.project() + "/" + l.env(), "pending plan");
    }
    sb.append(
        "<h2>Environments</h2><table><tr><th>project/env</th><th>state</th><th>lock</th></tr>");
    state.forEach(
        (key, s) -> {
          EnvLock l = locks.get(key);
          sb.append("<tr>");
          cells(sb, key, s, l == null ? "" : "locked by " + l.describe());
          sb.append("</tr>");
        });
    sb.append("</table>");
  }

  /** What an audit entry says about its environment's state, or null when nothing. */
  static String state(AuditEntry a) {
    String d = a.detail() == null ? "" : a.detail();
    return switch (a.action()) {
      case "plan" ->
          d.startsWith("planned")
              ? "pending plan"
              : d.startsWith("no changes") ? "in sync" : "plan: " + firstWords(d);
      case "apply" ->
          d.startsWith("applied") || d.startsWith("no changes")
              ? "in sync"
              : "apply: " + firstWords(d);
      case "drift" ->
          d.startsWith("in sync")
              ? "in sync"
              : d.startsWith("drift") ? "drift" : "drift check: " + firstWords(d);
      default -> null;
    };
  }

  private static void runDetail(
      StringBuilder sb, StateStore store, RunRecord r, List<AuditEntry> audit) {
    sb.append("<h3 id=\"run-")
        .append(esc(r.id()))
        .append("\">")
        .append(esc(r.kind()))
        .append(" run ")
        .append(esc(runLabel(r.id())))
        .append("</h3>");
    List<StoredPlan> plans =
        r.head() == null
            ? List.of()
            : store.plansAt(r.head()).stream().filter(p -> r.id().equals(p.runId())).toList();
    if (plans.isEmpty()) {
      sb.append("<p>").append(esc(r.summary() == null ? r.status() : r.summary())).append("</p>");
    }
    outcome(sb, r, audit);
    for (StoredPlan p : plans) {
      sb.append("<h4 id=\"plan-")
          .append(esc(p.id()))
          .append("\">")
          .append(esc(p.project()))
          .append('/')
          .append(esc(p.env()))
          .append(" — plan ")
          .append(esc(p.status()))
          .append("</h4><pre>");
      for (Statement s : p.plan().statements()) {
        sb.append(esc(DbUrl.mask(s.sql()))).append(";\n");
      }
      sb.append("</pre>");
      List<Diagnostic> findings =
          p.plan().lint() == null ? List.of() : p.plan().lint().diagnostics();
      if (!findings.isEmpty()) {
        sb.append("<ul>");
        for (Diagnostic d : findings) {
          sb.append("<li>")
              .append(esc(d.severity() + " " + d.code() + ": " + d.message()))
              .append("</li>");
        }
        sb.append("</ul>");
      }
    }
  }

  /**
   * What an apply or drift run did per environment: its audit entries (same action, pull request
   * and commit, recorded while the run ran), e.g. "Applied 3 statements to ..." or the error.
   */
  private static void outcome(StringBuilder sb, RunRecord r, List<AuditEntry> audit) {
    if (!r.kind().equals("apply") && !r.kind().equals("drift")) {
      return;
    }
    Instant from = instant(r.startedAt());
    Instant to = r.finishedAt() == null ? null : instant(r.finishedAt());
    List<AuditEntry> mine = new ArrayList<>();
    for (AuditEntry a : audit) {
      Instant at = instant(a.at());
      if (a.action().equals(r.kind())
          && a.pr() == r.pr()
          && java.util.Objects.equals(a.commit(), r.head())
          && at != null
          && from != null
          && !at.isBefore(from)
          && (to == null || !at.isAfter(to))) {
        mine.add(a);
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    sb.append("<ul class=\"outcome\">");
    for (int i = mine.size() - 1; i >= 0; i--) {
      AuditEntry a = mine.get(i);
      sb.append("<li>")
          .append(esc((a.project() == null ? "" : a.project() + "/" + a.env() + ": ") + a.detail()))
          .append("</li>");
    }
    sb.append("</ul>");
  }

  private static Instant instant(String iso) {
    try {
      return iso == null ? null : Instant.parse(iso);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static void cells(StringBuilder sb, String... values) {
    for (String v : values) {
      sb.append("<td>").append(esc(v == null ? "" : DbUrl.mask(v))).append("</td>");
    }
  }

  /**
   * A run's short label: the random part of its id (which starts with a timestamp, the same for
   * every run of the last quarter hour), as {@code git} shows a commit's first characters.
   */
  static String runLabel(String id) {
    int dash = id == null ? -1 : id.indexOf('-');
    return dash < 0 ? shortId(id) : shortId(id.substring(dash + 1));
  }

  private static String shortId(String s) {
    return s == null ? "" : s.substring(0, Math.min(8, s.length()));
  }

  private static String firstWords(String s) {
    int colon = s.indexOf(':');
    return colon > 0 ? s.substring(0, colon) : s;
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String esc(String text) {
    // Every shown text goes through here: mask passwords in URLs too, whatever stored them.
    String s = DbUrl.mask(text);
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void send(HttpExchange ex, int status, String text) throws IOException {
    byte[] out = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
  }
}
