package dev.strata.gitops.github;

import dev.strata.json.Json;
import dev.strata.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST transport under {@link GithubClient}: JSON in and out, the standard GitHub headers, a
 * bearer token from {@link GithubAuth}, errors as {@link GithubApiException}, and pagination by the
 * {@code Link: <...>; rel="next"} header. A next-page URL is only followed when it points at the
 * configured API base, so the token is never sent to another host.
 */
final class GithubHttp {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private final String base;
  private final GithubAuth auth;
  private final HttpClient client;
  private final Duration timeout;

  GithubHttp(URI apiBase, GithubAuth auth, HttpClient client, Duration timeout) {
    String b = apiBase.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.auth = auth;
    this.client = client;
    this.timeout = timeout;
  }

  String base() {
    return base;
  }

  /** Sends one request and returns the parsed JSON body (null when empty). */
  Object call(String method, String path, Object body) {
    return send(method, base + path, path, body).json;
  }

  /** GETs every page of a list endpoint ({@code per_page=100}) and concatenates the arrays. */
  List<Object> paged(String path) {
    List<Object> all = new ArrayList<>();
    String url = base + path + (path.contains("?") ? "&" : "?") + "per_page=100";
    while (url != null) {
      Page page = send("GET", url, path, null);
      if (!(page.json instanceof List<?> items)) {
        throw new GithubApiException(page.status, "GET", path, "expected a JSON array");
      }
      all.addAll(items);
      url = page.next.filter(u -> u.startsWith(base + "/")).orElse(null);
    }
    return all;
  }

  private record Page(int status, Object json, Optional<String> next) {}

  private Page send(String method, String url, String path, Object body) {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("User-Agent", "strata")
            .header("Authorization", "Bearer " + auth.token().reveal());
    if (body == null) {
      rb.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      rb.header("Content-Type", "application/json");
      rb.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }
    HttpResponse<String> resp;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GithubApiException(method, path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GithubApiException(method, path, e);
    }
    Object json = parse(resp, method, path);
    if (resp.statusCode() / 100 != 2) {
      String msg =
          json instanceof Map<?, ?> m && m.get("message") != null
              ? String.valueOf(m.get("message"))
              : null;
      if (msg != null && msg.length() > 300) {
        msg = msg.substring(0, 300) + "…";
      }
      throw new GithubApiException(resp.statusCode(), method, path, msg);
    }
    Optional<String> next =
        resp.headers()
            .firstValue("Link")
            .map(NEXT::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1));
    return new Page(resp.statusCode(), json, next);
  }

  private static Object parse(HttpResponse<String> resp, String method, String path) {
    String text = resp.body();
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return JsonReader.parse(text, "github " + path);
    } catch (RuntimeException e) {
      if (resp.statusCode() / 100 != 2) {
        return null;
      }
      throw new GithubApiException(resp.statusCode(), method, path, "response is not JSON");
    }
  }
}
