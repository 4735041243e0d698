package dev.strata.gitops.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.strata.json.Json;
import dev.strata.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A stand-in for GitHub's REST API on loopback, in memory: issue comments (paginated with {@code
 * Link} headers), reactions, commit statuses, check runs, collaborator permissions, reviews, pull
 * requests and the App installation-token exchange (which verifies the JWT's RS256 signature).
 * Every request is recorded as a {@link Call}; the Authorization header is only checked, never
 * kept. The API also answers under {@code /api/v3} (GitHub Enterprise's layout, {@link
 * #enterpriseApiBase()}), and with {@link #serveGit} the same server hosts bare repositories over
 * git's smart HTTP protocol ({@code /owner/name.git}, fetch only), accepting only Basic
 * authentication as {@code x-access-token} with a token GitHub issued or accepts.
 */
public final class FakeGithub implements AutoCloseable {
  /** One recorded request; {@code authorized} tells whether its token was accepted. */
  public record Call(String method, String path, String query, Object body, boolean authorized) {}

  /** A stored comment. */
  public record Comment(String repo, int issue, long id, String body, String user) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<Long, Comment> comments = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> reactions = new CopyOnWriteArrayList<>();
  private final List<Map<String, Object>> statuses = new CopyOnWriteArrayList<>();
  private final Map<Long, Map<String, Object>> checkRuns = new ConcurrentHashMap<>();
  private final Map<String, String> permissions = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> reviews = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> pulls = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private volatile int maxPerPage = 100;
  private volatile PublicKey appKey;
  private volatile long appId;
  private volatile Path gitRoot;

  public FakeGithub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI apiBase() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The API base as GitHub Enterprise Server lays it out: {@code http://host/api/v3}. */
  public URI enterpriseApiBase() {
    return URI.create(apiBase() + "/api/v3");
  }

  /** Serves the bare repositories {@code root/owner/name.git} for fetching over smart HTTP. */
  public FakeGithub serveGit(Path root) {
    this.gitRoot = root;
    return this;
  }

  /** Accepts {@code token} as the credential of {@code login} (e.g. {@code strata[bot]}). */
  public FakeGithub token(String token, String login) {
    tokens.put(token, login);
    return this;
  }

  /** Accepts JWTs of this App and issues installation tokens. */
  public FakeGithub app(long id, PublicKey key) {
    this.appId = id;
    this.appKey = key;
    return this;
  }

  public FakeGithub permission(String repo, String user, String permission) {
    permissions.put(repo + ":" + user, permission);
    return this;
  }

  public FakeGithub review(String repo, int pull, String user, String state, String commit) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", ids.incrementAndGet());
    r.put("user", Map.of("login", user));
    r.put("state", state);
    r.put("commit_id", commit);
    reviews.computeIfAbsent(repo + "#" + pull, k -> new CopyOnWriteArrayList<>()).add(r);
    return this;
  }

  public FakeGithub pull(String repo, int pull, Map<String, Object> json) {
    pulls.put(repo + "#" + pull, json);
    return this;
  }

  /**
   * Serves pull request {@code pull} as open, not a draft, not merged and mergeable, with its head
   * {@code headRef} at {@code headSha} on top of {@code main} at {@code baseSha}.
   */
  public FakeGithub openPull(
      String repo, int pull, String headRef, String headSha, String baseSha) {
    return pull(
        repo,
        pull,
        Map.of(
            "number",
            pull,
            "state",
            "open",
            "draft",
            false,
            "merged",
            false,
            "mergeable",
            true,
            "head",
            Map.of("ref", headRef, "sha", headSha),
            "base",
            Map.of("ref", "main", "sha", baseSha)));
  }

  /** Serves at most {@code n} items per page, to exercise pagination with few items. */
  public FakeGithub maxPerPage(int n) {
    this.maxPerPage = n;
    return this;
  }

  /** Stores a comment as if a user had written it. */
  public Comment addComment(String repo, int issue, String user, String body) {
    Comment c = new Comment(repo, issue, ids.incrementAndGet(), body, user);
    comments.put(c.id(), c);
    return c;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Comment> comments(String repo, int issue) {
    return comments.values().stream()
        .filter(c -> c.repo().equals(repo) && c.issue() == issue)
        .sorted(java.util.Comparator.comparingLong(Comment::id))
        .toList();
  }

  public List<Map<String, Object>> reactions() {
    return List.copyOf(reactions);
  }

  public List<Map<String, Object>> statuses() {
    return List.copyOf(statuses);
  }

  public Map<Long, Map<String, Object>> checkRuns() {
    return Map.copyOf(checkRuns);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private record Reply(int status, Object json, String link) {
    Reply(int status, Object json) {
      this(status, json, null);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    if (path.startsWith("/api/v3/")) {
      path = path.substring("/api/v3".length());
    } else if (gitRoot != null && path.matches("/[^/]+/[^/]+\\.git/.*")) {
      git(ex, method, path);
      return;
    }
    String query = ex.getRequestURI().getRawQuery();
    String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Object body = raw.isBlank() ? null : JsonReader.parse(raw, "request");
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    boolean tokenPath = path.matches("/app/installations/\\d+/access_tokens");
    String login = bearer == null ? null : tokens.get(bearer);
    boolean ok = tokenPath ? bearer != null && validJwt(bearer) : login != null;
    calls.add(new Call(method, path, query, body, ok));
    Reply reply;
    if (!ok) {
      reply = new Reply(401, Map.of("message", "Bad credentials"));
    } else {
      try {
        reply = route(method, path, query, body instanceof Map<?, ?> m ? m : Map.of(), login);
      } catch (RuntimeException e) {
        reply = new Reply(422, Map.of("message", "Validation Failed: " + e.getMessage()));
      }
    }
    byte[] out = Json.write(reply.json).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (reply.link != null) {
      ex.getResponseHeaders().set("Link", reply.link);
    }
    ex.sendResponseHeaders(reply.status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  /**
   * Git's smart HTTP protocol (version 0, stateless), fetch only: {@code GET info/refs
   * ?service=git-upload-pack} advertises the refs, {@code POST git-upload-pack} sends the pack.
   * Without valid credentials the answer is 401 with a Basic challenge, as GitHub's.
   */
  private void git(HttpExchange ex, String method, String path) throws IOException {
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      boolean ok = false;
      if (auth != null && auth.startsWith("Basic ")) {
        String pair =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        ok =
            colon > 0
                && pair.substring(0, colon).equals("x-access-token")
                && tokens.containsKey(pair.substring(colon + 1));
      }
      Matcher m = match("/([^/]+/[^/]+\\.git)/(info/refs|git-upload-pack)", path);
      calls.add(new Call(method, path, ex.getRequestURI().getRawQuery(), null, ok));
      if (!ok) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"GitHub\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      Path dir = m == null ? null : gitRoot.resolve(m.group(1));
      if (dir == null || !Files.isDirectory(dir)) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      try (Repository db =
          new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
        UploadPack up = new UploadPack(db);
        up.setBiDirectionalPipe(false);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (m.group(2).equals("info/refs")) {
          ex.getResponseHeaders()
              .set("Content-Type", "application/x-git-upload-pack-advertisement");
          ex.sendResponseHeaders(200, 0);
          PacketLineOut pck = new PacketLineOut(ex.getResponseBody());
          pck.writeString("# service=git-upload-pack\n");
          pck.end();
          up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pck));
        } else {
          InputStream in = ex.getRequestBody();
          if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
          }
          ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
          ex.sendResponseHeaders(200, 0);
          up.upload(in, ex.getResponseBody(), null);
        }
      }
    }
  }

  private Reply route(String method, String path, String query, Map<?, ?> body, String login) {
    Matcher m;
    String repo = "[^/]+/[^/]+";
    if ((m = match("/app/installations/(\\d+)/access_tokens", path)) != null) {
      String token = "ghs_" + Long.toHexString(ids.incrementAndGet()) + "x" + m.group(1);
      tokens.put(token, "strata-app[bot]");
      return new Reply(201, Map.of("token", token, "expires_at", "2099-01-01T00:00:00Z"));
    }
    if ((m = match("/repos/(" + repo + ")/issues/(\\d+)/comments", path)) != null) {
      String r = m.group(1);
      int issue = Integer.parseInt(m.group(2));
      if (method.equals("POST")) {
        Comment c = new Comment(r, issue, ids.incrementAndGet(), text(body, "body"), login);
        comments.put(c.id(), c);
        return new Reply(201, json(c));
      }
      return page(path, query, comments(r, issue).stream().map(FakeGithub::json).toList());
    }
    if ((m = match("/repos/(" + repo + ")/issues/comments/(\\d+)", path)) != null) {
      Comment old = comments.get(Long.parseLong(m.group(2)));
      if (old == null || !old.repo().equals(m.group(1))) {
        return new Reply(404, Map.of("message", "Not Found"));
      }
      Comment c = new Comment(old.repo(), old.issue(), old.id(), text(body, "body"), old.user());
      comments.put(c.id(), c);
      return new Reply(200, json(c));
    }
    if ((m = match("/repos/(" + repo + ")/issues/comments/(\\d+)/reactions", path)) != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("comment", Long.parseLong(m.group(2)));
      r.put("content", text(body, "content"));
      reactions.add(r);
      return new Reply(201, Map.of("id", ids.incrementAndGet(), "content", r.get("content")));
    }
    if ((m = match("/repos/(" + repo + ")/commits/([0-9a-f]+)/status", path)) != null) {
      Map<String, Object> latest = new LinkedHashMap<>();
      for (Map<String, Object> s : statuses) {
        if (s.get("repo").equals(m.group(1)) && s.get("sha").equals(m.group(2))) {
          latest.put(String.valueOf(s.get("context")), s);
        }
      }
      List<Object> list = new ArrayList<>(latest.values());
      java.util.Collections.reverse(list);
      boolean green = list.stream().allMatch(s -> "success".equals(((Map<?, ?>) s).get("state")));
      return new Reply(200, Map.of("state", green ? "success" : "pending", "statuses", list));
    }
    if ((m = match("/repos/(" + repo + ")/statuses/([0-9a-f]+)", path)) != null) {
      Map<String, Object> s = new LinkedHashMap<>(stringKeys(body));
      s.put("repo", m.group(1));
      s.put("sha", m.group(2));
      statuses.add(s);
      return new Reply(201, Map.of("id", ids.incrementAndGet(), "state", s.get("state")));
    }
    if ((m = match("/repos/(" + repo + ")/check-runs(?:/(\\d+))?", path)) != null) {
      long id = m.group(2) == null ? ids.incrementAndGet() : Long.parseLong(m.group(2));
      Map<String, Object> run = checkRuns.getOrDefault(id, new LinkedHashMap<>());
      run = new LinkedHashMap<>(run);
      run.putAll(stringKeys(body));
      run.put("id", id);
      checkRuns.put(id, run);
      return new Reply(m.group(2) == null ? 201 : 200, run);
    }
    if ((m = match("/repos/(" + repo + ")/collaborators/([^/]+)/permission", path)) != null) {
      String p = permissions.get(m.group(1) + ":" + m.group(2));
      if (p == null) {
        return new Reply(404, Map.of("message", "Not Found"));
      }
      String legacy = p.equals("maintain") ? "write" : p.equals("triage") ? "read" : p;
      return new Reply(200, Map.of("permission", legacy, "role_name", p));
    }
    if ((m = match("/repos/(" + repo + ")/pulls/(\\d+)/reviews", path)) != null) {
      return page(path, query, reviews.getOrDefault(m.group(1) + "#" + m.group(2), List.of()));
    }
    if ((m = match("/repos/(" + repo + ")/pulls/(\\d+)", path)) != null) {
      Map<String, Object> pr = pulls.get(m.group(1) + "#" + m.group(2));
      return pr == null ? new Reply(404, Map.of("message", "Not Found")) : new Reply(200, pr);
    }
    return new Reply(404, Map.of("message", "Not Found"));
  }

  private Reply page(String path, String query, List<?> items) {
    Map<String, String> q = query(query);
    int per = Math.min(Integer.parseInt(q.getOrDefault("per_page", "30")), maxPerPage);
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    int from = Math.min((page - 1) * per, items.size());
    int to = Math.min(from + per, items.size());
    String link =
        to < items.size()
            ? "<"
                + apiBase()
                + path
                + "?per_page="
                + per
                + "&page="
                + (page + 1)
                + ">; rel=\"next\""
            : null;
    return new Reply(200, new ArrayList<>(items.subList(from, to)), link);
  }

  private boolean validJwt(String jwt) {
    String[] parts = jwt.split("\\.");
    if (appKey == null || parts.length != 3) {
      return false;
    }
    try {
      Signature rs = Signature.getInstance("SHA256withRSA");
      rs.initVerify(appKey);
      rs.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      return rs.verify(Base64.getUrlDecoder().decode(parts[2]))
          && claims.contains("\"iss\":\"" + appId + "\"");
    } catch (Exception e) {
      return false;
    }
  }

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query != null) {
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
      }
    }
    return out;
  }

  private static Map<String, Object> json(Comment c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("body", c.body());
    m.put("user", Map.of("login", c.user(), "type", c.user().endsWith("[bot]") ? "Bot" : "User"));
    return m;
  }

  private static String text(Map<?, ?> body, String key) {
    if (!(body.get(key) instanceof String s)) {
      throw new IllegalArgumentException(key + " is required");
    }
    return s;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
