package dev.strata.gitops.server;

import dev.strata.gitops.github.GithubClient;
import dev.strata.gitops.github.GithubTypes.IssueComment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Strata comment of a pull request, found by a hidden marker and updated in place. Its body
 * is made of sections, each introduced by a hidden section marker: the latest {@code plan}, the
 * latest {@code apply} and a {@code note} (unlock, close, errors). A new plan replaces the plan and
 * drops the older apply and note; an apply or a note replaces only its own section.
 */
public final class PrComment {
  /** The marker every Strata pull-request comment starts with. */
  public static final String MARKER = GithubClient.marker("pull-request");

  /** Section kinds, in the order they are shown. */
  public static final List<String> KINDS = List.of("plan", "apply", "note");

  private static final Pattern SECTION = Pattern.compile("<!-- strata-section:([a-z]+) -->\n");
  private static final int SECTION_LIMIT = 30_000;

  private PrComment() {}

  private static final Pattern APPLY_HINT =
      Pattern.compile("(Apply with|run) `strata gitops apply --pr \\d+`");
  private static final Pattern AUTOAPPLY_HINT =
      Pattern.compile(
          "Applied after merge \\(autoapply: `strata gitops apply --commit SHA` on the merge"
              + " commit\\), or apply it before merging with `strata gitops apply --pr \\d+`");
  private static final Pattern ALLOW_HINT =
      Pattern.compile("`strata gitops apply --allow CODE(\\|CATEGORY)?`");
  private static final Pattern UNLOCK_HINT =
      Pattern.compile("`strata gitops unlock --project [^`]+ --env [^`]+`");

  /**
   * {@code markdown} with the pipeline's command-line hints for a pull request turned into the
   * comment commands a reader on GitHub uses: {@code strata gitops apply --pr N} becomes a {@code
   * strata apply} comment and, when {@code unlockCommand} (the server answers {@code strata
   * unlock}; the Actions workflow does not), {@code strata gitops unlock ...} a {@code strata
   * unlock} comment on the pull request holding the lock.
   */
  public static String commentCommands(String markdown, boolean unlockCommand) {
    String out =
        AUTOAPPLY_HINT
            .matcher(markdown)
            .replaceAll(
                "Applied when the pull request is merged (autoapply), or apply it before merging by"
                    + " commenting `strata apply`");
    out =
        APPLY_HINT
            .matcher(out)
            .replaceAll(
                m ->
                    m.group(1).equals("run")
                        ? "comment `strata apply`"
                        : "Apply by commenting" + " `strata apply`");
    out =
        ALLOW_HINT
            .matcher(out)
            .replaceAll("a `strata apply --allow CODE` (or `--allow-destructive`) comment");
    if (unlockCommand) {
      out = UNLOCK_HINT.matcher(out).replaceAll("a `strata unlock` comment on that pull request");
    }
    return out;
  }

  /** The hidden marker of one section. */
  static String sectionMarker(String kind) {
    return "<!-- strata-section:" + kind + " -->\n";
  }

  /**
   * Writes {@code markdown} as section {@code kind} of the pull request's Strata comment, creating
   * the comment when there is none. Returns the full body now on GitHub.
   */
  public static String upsert(
      GithubClient github, String repo, int pr, String kind, String markdown) {
    Optional<IssueComment> existing = github.findComment(repo, pr, MARKER);
    Map<String, String> sections = existing.map(c -> parse(c.body())).orElseGet(LinkedHashMap::new);
    if (kind.equals("plan")) {
      sections.clear();
    }
    sections.put(kind, cut(markdown));
    String body = render(sections);
    github.upsertComment(repo, pr, MARKER, body);
    return MARKER + "\n" + body;
  }

  /** The sections of a comment body (marker included or not). */
  static Map<String, String> parse(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null) {
      return out;
    }
    Matcher m = SECTION.matcher(body);
    String kind = null;
    int start = 0;
    while (m.find()) {
      if (kind != null) {
        out.put(kind, withoutRules(body.substring(start, m.start())));
      }
      kind = m.group(1);
      start = m.end();
    }
    if (kind != null) {
      out.put(kind, body.substring(start).strip());
    }
    return out;
  }

  /**
   * A section's text without the rule {@link #render} put after it (and without the piled-up rules
   * of comments written before this was fixed), so re-rendering does not add one per update.
   */
  private static String withoutRules(String text) {
    String t = text.strip();
    while (t.endsWith("\n---") || t.equals("---")) {
      t = t.substring(0, t.length() - 3).strip();
    }
    return t;
  }

  /** Sections in {@link #KINDS} order, separated by a rule. */
  static String render(Map<String, String> sections) {
    StringBuilder sb = new StringBuilder();
    for (String kind : KINDS) {
      String text = sections.get(kind);
      if (text == null) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("\n---\n\n");
      }
      sb.append(sectionMarker(kind)).append(text.strip()).append('\n');
    }
    return sb.toString();
  }

  private static String cut(String markdown) {
    if (markdown.length() <= SECTION_LIMIT) {
      return markdown;
    }
    String note = "\n\n_… cut to fit one comment._\n";
    return markdown.substring(0, SECTION_LIMIT - note.length()) + note;
  }
}
