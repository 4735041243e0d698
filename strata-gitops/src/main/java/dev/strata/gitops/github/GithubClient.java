package dev.strata.gitops.github;

import dev.strata.gitops.github.GithubTypes.CheckRun;
import dev.strata.gitops.github.GithubTypes.CommitStatus;
import dev.strata.gitops.github.GithubTypes.IssueComment;
import dev.strata.gitops.github.GithubTypes.Permission;
import dev.strata.gitops.github.GithubTypes.PullRequestInfo;
import dev.strata.gitops.github.GithubTypes.Review;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * GitHub's REST API as far as Strata needs it, over {@code java.net.http}: pull-request comments
 * (with one Strata comment per pull request kept up to date by a hidden marker), reactions, commit
 * statuses, check runs, collaborator permissions, reviews and pull requests. The API base URL is
 * configurable for GitHub Enterprise ({@code https://ghe.example.com/api/v3}). Repositories are
 * named {@code owner/name}.
 */
public final class GithubClient {
  /** The public GitHub API. */
  public static final URI PUBLIC_API = URI.create("https://api.github.com");

  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Pattern MARKER_KEY = Pattern.compile("[A-Za-z0-9_.:/#@-]+");
  private static final Set<String> REACTIONS =
      Set.of("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes");

  private final GithubHttp http;
  private final GithubAuth auth;

  public GithubClient(URI apiBase, GithubAuth auth, HttpClient client) {
    this.http = new GithubHttp(apiBase, auth, client, Duration.ofSeconds(30));
    this.auth = auth;
  }

  public GithubClient(URI apiBase, GithubAuth auth) {
    this(apiBase, auth, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  /**
   * The bearer token this client sends, for the one other place that needs it: git over HTTPS
   * ({@code x-access-token} as user name). A {@link Secret}, so it never prints itself.
   */
  public Secret gitToken() {
    return auth.token();
  }

  /**
   * The latest state of every status context on a commit ({@code context -> state}, e.g. {@code
   * "ci/build" -> "success"}), from the combined-status endpoint.
   */
  public Map<String, String> statuses(String repo, String sha) {
    Map<?, ?> m = map(http.call("GET", repos(repo) + "/commits/" + sha(sha) + "/status", null));
    Map<String, String> out = new LinkedHashMap<>();
    if (m.get("statuses") instanceof List<?> list) {
      for (Object o : list) {
        Map<?, ?> s = map(o);
        out.putIfAbsent(str(s, "context"), str(s, "state"));
      }
    }
    return out;
  }

  /** True when authenticated as a GitHub App installation (check runs are available). */
  public boolean isApp() {
    return auth.isApp();
  }

  /** The hidden marker {@code <!-- strata:key -->} that identifies one Strata comment. */
  public static String marker(String key) {
    if (!MARKER_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("bad comment marker key: " + key);
    }
    return "<!-- strata:" + key + " -->";
  }

  /** Every conversation comment on an issue or pull request, oldest first, across all pages. */
  public List<IssueComment> listComments(String repo, int issue) {
    List<IssueComment> out = new ArrayList<>();
    for (Object o : http.paged(repos(repo) + "/issues/" + issue + "/comments")) {
      out.add(comment(o));
    }
    return out;
  }

  /** Posts a new comment. */
  public IssueComment createComment(String repo, int issue, String body) {
    return comment(
        http.call("POST", repos(repo) + "/issues/" + issue + "/comments", Map.of("body", body)));
  }

  /** Replaces the body of a comment. */
  public IssueComment updateComment(String repo, long commentId, String body) {
    return comment(
        http.call("PATCH", repos(repo) + "/issues/comments/" + commentId, Map.of("body", body)));
  }

  /** The oldest comment whose body starts with {@code marker}, if any. */
  public Optional<IssueComment> findComment(String repo, int issue, String marker) {
    return listComments(repo, issue).stream().filter(c -> startsWith(c, marker)).findFirst();
  }

  /**
   * Keeps one comment per marker: updates the comment that starts with {@code marker} (when its
   * body differs) or creates it. The marker is prepended to {@code body}.
   */
  public IssueComment upsertComment(String repo, int issue, String marker, String body) {
    String full = marker + "\n" + body;
    Optional<IssueComment> existing = findComment(repo, issue, marker);
    if (existing.isEmpty()) {
      return createComment(repo, issue, full);
    }
    if (full.equals(existing.get().body())) {
      return existing.get();
    }
    return updateComment(repo, existing.get().id(), full);
  }

  /** Adds a reaction ({@code eyes}, {@code +1}, {@code rocket}, ...) to a comment. */
  public void addReaction(String repo, long commentId, String content) {
    if (!REACTIONS.contains(content)) {
      throw new IllegalArgumentException("unknown reaction: " + content);
    }
    http.call(
        "POST",
        repos(repo) + "/issues/comments/" + commentId + "/reactions",
        Map.of("content", content));
  }

  /** Sets a commit status; a later status with the same context replaces it. */
  public void createStatus(String repo, String sha, CommitStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", status.state().wire());
    body.put("context", status.context());
    body.put("description", status.description());
    body.put("target_url", status.targetUrl());
    body.values().removeIf(v -> v == null);
    http.call("POST", repos(repo) + "/statuses/" + sha(sha), body);
  }

  /** Creates a check run (GitHub Apps only) and returns its id. */
  public long createCheckRun(String repo, CheckRun run) {
    Map<String, Object> body = checkRunBody(run);
    body.put("name", run.name());
    body.put("head_sha", sha(run.headSha()));
    Object created = http.call("POST", repos(repo) + "/check-runs", body);
    return number(created, "id");
  }

  /** Updates a check run's status, conclusion and output. */
  public void updateCheckRun(String repo, long checkRunId, CheckRun run) {
    http.call("PATCH", repos(repo) + "/check-runs/" + checkRunId, checkRunBody(run));
  }

  private static Map<String, Object> checkRunBody(CheckRun run) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (run.status() != null) {
      body.put("status", run.status().name().toLowerCase(Locale.ROOT));
    }
    if (run.conclusion() != null) {
      body.put("conclusion", run.conclusion().name().toLowerCase(Locale.ROOT));
    }
    if (run.detailsUrl() != null) {
      body.put("details_url", run.detailsUrl());
    }
    if (run.title() != null) {
      body.put("output", Map.of("title", run.title(), "summary", nz(run.summary())));
    }
    return body;
  }

  /**
   * A user's permission on the repository: the stronger of the legacy {@code permission} and the
   * {@code role_name} (which tells maintain from write). A user who is not a collaborator (404) has
   * NONE.
   */
  public Permission permission(String repo, String user) {
    Object o;
    try {
      o = http.call("GET", repos(repo) + "/collaborators/" + segment(user) + "/permission", null);
    } catch (GithubApiException e) {
      if (e.status() == 404) {
        return Permission.NONE;
      }
      throw e;
    }
    Map<?, ?> m = map(o);
    Permission legacy = Permission.of(str(m, "permission"));
    Permission role = Permission.of(str(m, "role_name"));
    return legacy.atLeast(role) ? legacy : role;
  }

  /** Every review of a pull request, in chronological order. */
  public List<Review> listReviews(String repo, int pull) {
    List<Review> out = new ArrayList<>();
    for (Object o : http.paged(repos(repo) + "/pulls/" + pull + "/reviews")) {
      Map<?, ?> m = map(o);
      out.add(
          new Review(
              number(m, "id"),
              str(map(m.get("user")), "login"),
              str(m, "state"),
              str(m, "commit_id")));
    }
    return out;
  }

  /**
   * Users whose latest deciding review approves {@code headSha}: a later change request or
   * dismissal withdraws an approval, comments do not, and approvals of older commits do not count.
   */
  public Set<String> approvers(String repo, int pull, String headSha) {
    Map<String, Review> latest = new LinkedHashMap<>();
    for (Review r : listReviews(repo, pull)) {
      if (!"COMMENTED".equals(r.state()) && !"PENDING".equals(r.state())) {
        latest.put(r.user(), r);
      }
    }
    Set<String> out = new TreeSet<>();
    latest.values().stream()
        .filter(r -> r.approved() && headSha.equals(r.commitId()))
        .forEach(r -> out.add(r.user()));
    return out;
  }

  /** The state of a pull request. */
  public PullRequestInfo pullRequest(String repo, int pull) {
    Map<?, ?> m = map(http.call("GET", repos(repo) + "/pulls/" + pull, null));
    Map<?, ?> head = map(m.get("head"));
    Map<?, ?> base = map(m.get("base"));
    return new PullRequestInfo(
        (int) number(m, "number"),
        str(m, "state"),
        Boolean.TRUE.equals(m.get("draft")),
        Boolean.TRUE.equals(m.get("merged")),
        m.get("mergeable") instanceof Boolean b ? b : null,
        str(head, "ref"),
        str(head, "sha"),
        str(base, "ref"),
        str(m, "merge_commit_sha"));
  }

  private static boolean startsWith(IssueComment c, String marker) {
    return c.body() != null && c.body().startsWith(marker);
  }

  private static IssueComment comment(Object o) {
    Map<?, ?> m = map(o);
    Map<?, ?> user = m.get("user") instanceof Map<?, ?> u ? u : Map.of();
    return new IssueComment(number(m, "id"), str(m, "body"), str(user, "login"), str(user, "type"));
  }

  private static String repos(String repo) {
    if (repo == null || !REPO.matcher(repo).matches()) {
      throw new IllegalArgumentException("repository must be owner/name: " + repo);
    }
    return "/repos/" + repo;
  }

  private static String sha(String sha) {
    if (sha == null || !sha.matches("[0-9a-fA-F]{7,64}")) {
      throw new IllegalArgumentException("not a commit sha: " + sha);
    }
    return sha;
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<?, ?> map(Object o) {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw new GithubApiException(0, "GET", "", "expected a JSON object in the response");
  }

  private static String str(Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static long number(Object o, String key) {
    if (map(o).get(key) instanceof Number n) {
      return n.longValue();
    }
    throw new GithubApiException(0, "GET", "", "the response lacks a numeric " + key);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
