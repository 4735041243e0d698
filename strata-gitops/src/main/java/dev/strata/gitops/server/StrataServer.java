package dev.strata.gitops.server;

import dev.strata.gitops.github.GithubClients;
import dev.strata.gitops.github.WebhookVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code strata server} assembled: the webhook front, the delivery log and event queue in the
 * store, and the workers dispatching to the pipeline's {@link EventHandler}. Several instances may
 * share one PostgreSQL store; each event is processed by one of them.
 */
public final class StrataServer implements AutoCloseable {
  private final WebhookServer web;
  private final EventWorker worker;
  private final EventQueue queue;

  public StrataServer(
      ServerConfig config, GithubClients github, EventHandler handler, ServerLog log)
      throws IOException {
    ConnectionSource store = ConnectionSource.of(config.storeUrl());
    createSqliteFolder(config.storeUrl());
    this.queue = new JdbcEventQueue(store);
    DeliveryLog deliveries = new JdbcDeliveryLog(store);
    EventDispatcher dispatcher = new EventDispatcher(github, handler, config.policy(), log);
    this.worker =
        new EventWorker(
            queue,
            dispatcher,
            config.workerId(),
            config.parallelism(),
            config.lease(),
            config.poll(),
            log);
    this.web =
        new WebhookServer(
            config.address(),
            new WebhookVerifier(config.webhookSecret()),
            deliveries,
            queue,
            worker::wake,
            config.maxBodyBytes(),
            log);
  }

  /** Serves {@code path} with {@code handler} next to the webhook endpoint (the dashboard). */
  public StrataServer mount(String path, com.sun.net.httpserver.HttpHandler handler) {
    web.mount(path, handler);
    return this;
  }

  /** Starts the workers, then accepts webhooks. */
  public StrataServer start() {
    worker.start();
    web.start();
    return this;
  }

  public int port() {
    return web.port();
  }

  public EventQueue queue() {
    return queue;
  }

  private static void createSqliteFolder(String url) throws IOException {
    if (url.startsWith("sqlite://") && !url.contains("mode=memory")) {
      String path = url.substring("sqlite://".length()).replaceFirst("\\?.*", "");
      Path parent = Path.of(path).toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
  }

  /** Stops accepting webhooks, then stops the workers (unfinished events stay queued). */
  @Override
  public void close() {
    web.close();
    worker.close();
  }
}
