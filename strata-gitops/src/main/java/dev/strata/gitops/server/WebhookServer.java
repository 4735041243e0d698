package dev.strata.gitops.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strata.InputException;
import dev.strata.gitops.github.GithubEvent;
import dev.strata.gitops.github.GithubEvent.Ignored;
import dev.strata.gitops.github.GithubEvent.PingEvent;
import dev.strata.gitops.github.GithubEvents;
import dev.strata.gitops.github.WebhookVerifier;
import dev.strata.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP front of {@code strata server}: {@code POST /webhooks/github} and {@code GET /healthz}.
 * A delivery goes through, in this order: body size cap (413), signature over the raw bytes (401,
 * nothing recorded), required headers (400), de-duplication by {@code X-GitHub-Delivery} (200,
 * ignored), parsing (400), then ignored events and pings are answered at once and everything else
 * is stored in the {@link EventQueue} and answered 202; workers do the slow work later. Responses
 * are small JSON objects that never echo headers or secrets.
 */
public final class WebhookServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;
  private final WebhookVerifier verifier;
  private final DeliveryLog deliveries;
  private final EventQueue queue;
  private final Runnable onQueued;
  private final int maxBodyBytes;
  private final ServerLog log;

  public WebhookServer(
      InetSocketAddress address,
      WebhookVerifier verifier,
      DeliveryLog deliveries,
      EventQueue queue,
      Runnable onQueued,
      int maxBodyBytes,
      ServerLog log)
      throws IOException {
    this.verifier = verifier;
    this.deliveries = deliveries;
    this.queue = queue;
    this.onQueued = onQueued;
    this.maxBodyBytes = maxBodyBytes;
    this.log = log;
    this.http = HttpServer.create(address, 64);
    this.executor = Executors.newFixedThreadPool(4);
    http.setExecutor(executor);
    http.createContext("/webhooks/github", this::webhook);
    http.createContext("/healthz", this::health);
  }

  public void start() {
    http.start();
  }

  /** Serves {@code path} (and below) with {@code handler}, e.g. the dashboard at {@code /}. */
  public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
    http.createContext(path, handler);
  }

  /** The port listened on (useful with port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  private void webhook(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        reply(ex, 405, "error", "use POST");
        return;
      }
      byte[] body = readCapped(ex);
      if (body == null) {
        log.info("rejected a webhook: body over " + maxBodyBytes + " bytes");
        reply(ex, 413, "error", "body too large");
        return;
      }
      if (!verifier.verify(body, ex.getRequestHeaders().getFirst("X-Hub-Signature-256"))) {
        log.info("rejected a webhook from " + ex.getRemoteAddress() + ": bad or missing signature");
        reply(ex, 401, "error", "invalid signature");
        return;
      }
      String event = ex.getRequestHeaders().getFirst("X-GitHub-Event");
      String delivery = ex.getRequestHeaders().getFirst("X-GitHub-Delivery");
      if (!token(event, 100) || !token(delivery, 100)) {
        reply(ex, 400, "error", "X-GitHub-Event and X-GitHub-Delivery are required");
        return;
      }
      if (!deliveries.record(delivery, event)) {
        log.info("delivery " + delivery + " (" + event + ") is a duplicate, ignored");
        reply(ex, 200, "duplicate", "delivery already received");
        return;
      }
      accept(ex, event, delivery, new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      log.info("webhook failed: " + e.getMessage());
      reply(ex, 500, "error", "internal error");
    }
  }

  private void accept(HttpExchange ex, String event, String delivery, String payload)
      throws IOException {
    GithubEvent parsed;
    try {
      parsed = GithubEvents.parse(event, payload);
    } catch (InputException e) {
      log.info("delivery " + delivery + " (" + event + ") is malformed: " + e.getMessage());
      reply(ex, 400, "error", "malformed payload");
      return;
    }
    if (parsed instanceof Ignored i) {
      reply(ex, 200, "ignored", i.reason());
      return;
    }
    if (parsed instanceof PingEvent) {
      log.info("ping " + delivery);
      reply(ex, 200, "pong", "webhook received");
      return;
    }
    try {
      queue.enqueue(delivery, event, parsed.orderingKey(), payload);
    } catch (RuntimeException e) {
      deliveries.forget(delivery);
      log.info("delivery " + delivery + " could not be queued: " + e.getMessage());
      reply(ex, 503, "error", "could not queue the event, redeliver later");
      return;
    }
    log.info("queued delivery " + delivery + " (" + event + ", " + parsed.orderingKey() + ")");
    onQueued.run();
    reply(ex, 202, "queued", parsed.orderingKey());
  }

  private void health(HttpExchange ex) throws IOException {
    try (ex) {
      EventQueue.Stats s;
      try {
        s = queue.stats();
      } catch (RuntimeException e) {
        reply(ex, 503, "error", "store unavailable");
        return;
      }
      send(
          ex,
          200,
          Map.of(
              "status",
              "ok",
              "pending",
              s.pending(),
              "claimed",
              s.claimed(),
              "failed",
              s.failed()));
    }
  }

  /** The body, or null when it exceeds the cap (checked before and while reading). */
  private byte[] readCapped(HttpExchange ex) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBodyBytes) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > maxBodyBytes) {
          return null;
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static boolean token(String s, int max) {
    return s != null && !s.isEmpty() && s.length() <= max && s.matches("[A-Za-z0-9_.-]+");
  }

  private static void reply(HttpExchange ex, int status, String key, String message)
      throws IOException {
    send(ex, status, Map.of("status", key, "message", message));
  }

  private static void send(HttpExchange ex, int status, Object json) throws IOException {
    byte[] out = Json.write(json).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
