package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pipeline's command-line hints turned into comment commands for readers on GitHub. */
class PrCommentTest {
  @Test
  void cliHintsBecomeCommentCommands() {
    String planned =
        "Apply with `strata gitops apply --pr 12`; dev is locked for PR #12 until then.";
    String replanned =
        "The database changed. Nothing was applied. This is the new plan; review it and run"
            + " `strata gitops apply --pr 12` again.";
    String locked =
        "Environment prod of db is locked by PR #7. It is released when that change is applied"
            + " and merged, or with `strata gitops unlock --project db --env prod`.";
    String commit = "Apply with `strata gitops apply --commit abc1234`.";
    assertEquals(
        "Apply by commenting `strata apply`; dev is locked for PR #12 until then.",
        PrComment.commentCommands(planned, true));
    assertEquals(
        "The database changed. Nothing was applied. This is the new plan; review it and comment"
            + " `strata apply` again.",
        PrComment.commentCommands(replanned, false));
    assertEquals(
        "Environment prod of db is locked by PR #7. It is released when that change is applied"
            + " and merged, or with a `strata unlock` comment on that pull request.",
        PrComment.commentCommands(locked, true));
    assertEquals(locked, PrComment.commentCommands(locked, false), "Actions has no unlock command");
    assertEquals(commit, PrComment.commentCommands(commit, true));
  }

  @Test
  void sectionsKeepOneRuleBetweenThemHoweverOftenTheCommentIsUpdated() {
    java.util.Map<String, String> sections = new java.util.LinkedHashMap<>();
    sections.put("plan", "## plan\n\ntext");
    sections.put("apply", "## apply");
    String body = PrComment.render(sections);
    for (int i = 0; i < 3; i++) {
      java.util.Map<String, String> parsed = PrComment.parse(body);
      parsed.put("note", "note " + i);
      body = PrComment.render(parsed);
    }
    assertEquals(
        "<!-- strata-section:plan -->\n## plan\n\ntext\n\n---\n\n"
            + "<!-- strata-section:apply -->\n## apply\n\n---\n\n"
            + "<!-- strata-section:note -->\nnote 2\n",
        body);
    String piledUp =
        "<!-- strata-section:plan -->\nplan\n\n---\n\n---\n\n---\n\n"
            + "<!-- strata-section:apply -->\napply\n";
    assertEquals("plan", PrComment.parse(piledUp).get("plan"));
  }
}
