package dev.strata.gitops.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The webhook payloads of {@code octokit/webhooks} (MIT, see {@code github-webhooks/SOURCE.txt})
 * copied into the test resources, and the two kinds GitHub's examples lack, derived from them by
 * textual edits: a merged {@code pull_request/closed} and an {@code issue_comment} on a pull
 * request (with {@code issue.pull_request} set and a given comment body).
 */
public final class Fixtures {
  private Fixtures() {}

  /** The folder holding {@code <event>/<file>.json}. */
  public static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/github-webhooks/SOURCE.txt").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every fixture file, as {@code event/file.json} paths relative to {@link #root()}. */
  public static List<String> all() {
    try (Stream<Path> s = Files.walk(root())) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .map(p -> root().relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The raw text of one fixture (from the class path, so also from the test jar). */
  public static String read(String relative) {
    try (java.io.InputStream in =
        Fixtures.class.getResourceAsStream("/github-webhooks/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture github-webhooks/" + relative);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event name of a fixture path (its folder). */
  public static String event(String relative) {
    return relative.substring(0, relative.indexOf('/'));
  }

  /** {@code pull_request/closed} turned into a merge: {@code merged: true} and a merge time. */
  public static String mergedPullRequest() {
    return replaceOnce(
        replaceOnce(
            read("pull_request/closed.payload.json"), "\"merged\": false", "\"merged\": true"),
        "\"merged_at\": null",
        "\"merged_at\": \"2019-05-15T15:20:40Z\"");
  }

  /**
   * {@code issue_comment/created.with-installation} moved onto pull request {@code number} with
   * {@code body} as the comment text and {@code login} as its author.
   */
  public static String pullRequestComment(int number, String login, String body) {
    String json = read("issue_comment/created.with-installation.payload.json");
    String prLink =
        "\"pull_request\": {\"url\": \"https://api.github.com/repos/Codertocat/Hello-World/pulls/"
            + number
            + "\", \"html_url\": \"https://github.com/Codertocat/Hello-World/pull/"
            + number
            + "\", \"diff_url\": null, \"patch_url\": null, \"merged_at\": null},\n    ";
    json = replaceOnce(json, "\"number\": 1,", "\"number\": " + number + ",\n    " + prLink);
    json =
        replaceOnce(
            json,
            "\"body\": \"You are totally right! I'll get this fixed right away.\"",
            "\"body\": " + quote(body));
    int comment = json.indexOf("\"comment\": {");
    int user = json.indexOf("\"login\": \"Codertocat\"", comment);
    return json.substring(0, user)
        + "\"login\": "
        + quote(login)
        + json.substring(user + "\"login\": \"Codertocat\"".length());
  }

  /** {@code pull_request_review/submitted} with the review state changed to {@code state}. */
  public static String review(String state) {
    return replaceOnce(
        read("pull_request_review/submitted.payload.json"),
        "\"state\": \"commented\"",
        "\"state\": \"" + state + "\"");
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder();
    dev.strata.json.Json.quote(sb, s);
    return sb.toString();
  }

  private static String replaceOnce(String text, String from, String to) {
    int i = text.indexOf(from);
    if (i < 0) {
      throw new IllegalStateException("fixture lacks " + from);
    }
    return text.substring(0, i) + to + text.substring(i + from.length());
  }
}
