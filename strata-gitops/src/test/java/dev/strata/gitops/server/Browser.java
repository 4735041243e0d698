package dev.strata.gitops.server;

import dev.strata.json.Json;
import dev.strata.json.JsonReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the W3C WebDriver protocol (JSON over HTTP to {@code
 * chromedriver} on loopback), without a client library.
 *
 * <p>Debian's {@code chromium} and {@code chromium-driver} packages provide the binaries ({@code
 * .ci/run} installs them). When they are missing the test fails with that hint, unless {@code
 * STRATA_SKIP_BROWSER_TESTS=1} asks to skip (CI never sets it). {@code STRATA_CHROMIUM} and {@code
 * STRATA_CHROMEDRIVER} point elsewhere.
 */
final class Browser implements AutoCloseable {
  static final String SKIP = "STRATA_SKIP_BROWSER_TESTS";
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process driver;
  private final Path profile;
  private final String base;
  private final String session;

  private Browser(Process driver, Path profile, String base, String session) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
    this.session = session;
  }

  static Path chromium() {
    return Path.of(System.getenv().getOrDefault("STRATA_CHROMIUM", "/usr/bin/chromium"));
  }

  static Path chromedriver() {
    return Path.of(System.getenv().getOrDefault("STRATA_CHROMEDRIVER", "/usr/bin/chromedriver"));
  }

  /** True when the binaries are there; false only when the skip variable asks for skipping. */
  static boolean available() {
    boolean present = Files.isExecutable(chromium()) && Files.isExecutable(chromedriver());
    if (present) {
      return true;
    }
    if ("1".equals(System.getenv(SKIP))) {
      return false;
    }
    throw new AssertionError(
        "headless browser test: "
            + chromium()
            + " or "
            + chromedriver()
            + " is missing; install them with `apt-get install -y chromium chromium-driver`"
            + " (or set "
            + SKIP
            + "=1 to skip this test)");
  }

  /** Starts chromedriver and a headless Chromium session with a fresh profile. */
  static Browser start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path profile = Files.createTempDirectory("strata-chromium-");
    Process driver =
        new ProcessBuilder(chromedriver().toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromedriver.log").toFile())
            .start();
    String base = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"ready\":true")) {
          break;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline || !driver.isAlive()) {
        driver.destroyForcibly();
        throw new AssertionError(
            "chromedriver did not start: " + Files.readString(profile.resolve("chromedriver.log")));
      }
      Thread.sleep(50);
    }
    Map<String, Object> options =
        Map.of(
            "binary",
            chromium().toString(),
            "args",
            List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.resolve("profile")));
    Map<String, Object> caps =
        Map.of(
            "capabilities",
            Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options)));
    try {
      Map<?, ?> value = (Map<?, ?>) call("POST", base + "/session", caps);
      return new Browser(driver, profile, base, (String) value.get("sessionId"));
    } catch (RuntimeException | Error e) {
      driver.destroyForcibly();
      throw e;
    }
  }

  private static Object call(String method, String url, Object body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    b.header("Content-Type", "application/json; charset=utf-8");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    HttpResponse<String> r;
    try {
      r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("WebDriver " + method + " " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Object parsed = JsonReader.parse(r.body(), "webdriver");
    Object value = parsed instanceof Map<?, ?> m ? m.get("value") : null;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "WebDriver " + method + " " + url + " -> " + r.statusCode() + ": " + r.body());
    }
    return value;
  }

  private Object session(String method, String path, Object body) {
    return call(method, base + "/session/" + session + path, body);
  }

  void open(String url) {
    session("POST", "/url", Map.of("url", url));
  }

  String url() {
    return (String) session("GET", "/url", null);
  }

  String title() {
    return (String) session("GET", "/title", null);
  }

  /** Runs {@code script} (a function body) in the page and returns its result. */
  Object script(String script, Object... args) {
    return session("POST", "/execute/sync", Map.of("script", script, "args", List.of(args)));
  }

  /** The element matching the CSS selector; fails when there is none. */
  String find(String css) {
    return id(session("POST", "/element", Map.of("using", "css selector", "value", css)));
  }

  /** The elements matching the CSS selector (maybe none). */
  List<String> findAll(String css) {
    List<?> els =
        (List<?>) session("POST", "/elements", Map.of("using", "css selector", "value", css));
    return els.stream().map(Browser::id).toList();
  }

  private static String id(Object reference) {
    Object id = reference instanceof Map<?, ?> m ? m.get(ELEMENT) : null;
    if (id == null) {
      throw new IllegalStateException("not an element reference: " + reference);
    }
    return (String) id;
  }

  /** An element as a script argument. */
  static Map<String, String> element(String id) {
    return Map.of(ELEMENT, id);
  }

  /** The rendered (visible) text of an element. */
  String text(String element) {
    return (String) session("GET", "/element/" + element + "/text", null);
  }

  void click(String element) {
    session("POST", "/element/" + element + "/click", Map.of());
  }

  /** Saves a PNG screenshot of the viewport. */
  void screenshot(Path png) throws IOException {
    String b64 = (String) session("GET", "/screenshot", null);
    Files.write(png, java.util.Base64.getDecoder().decode(b64));
  }

  @Override
  public void close() {
    try {
      session("DELETE", "", null);
    } catch (RuntimeException ignored) {
      // the driver is stopped below anyway
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder
      }
    }
  }
}
