package dev.strata.gitops.run;

import dev.strata.gitops.config.GitopsConfig.ApplyRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a config's {@code apply_requirements} against what the forge knows of a pull request. */
final class Requirements {
  private Requirements() {}

  /** The unmet requirements, in words; empty when the apply may go ahead. */
  static List<String> unmet(ApplyRequirements req, int pr, PullRequests forge) {
    List<String> out = new ArrayList<>();
    if (!req.any()) {
      return out;
    }
    Optional<PullRequests.Facts> facts = pr > 0 ? forge.find(pr) : Optional.empty();
    if (facts.isEmpty()) {
      out.add(
          pr > 0
              ? "apply_requirements need review facts about PR #"
                  + pr
                  + " from a forge, and none is configured for this run"
              : "apply_requirements apply to pull requests; this apply names none (use --pr N)");
      return out;
    }
    PullRequests.Facts f = facts.get();
    List<String> approvals =
        req.approvers().isEmpty()
            ? f.approvedBy()
            : f.approvedBy().stream().filter(req.approvers()::contains).toList();
    if (approvals.size() < req.approvals()) {
      out.add(
          "needs "
              + req.approvals()
              + " approval"
              + (req.approvals() == 1 ? "" : "s")
              + (req.approvers().isEmpty() ? "" : " from " + String.join(", ", req.approvers()))
              + ", has "
              + approvals.size());
    }
    if (req.mergeable() && !f.mergeable()) {
      out.add("the pull request is not mergeable");
    }
    if (req.statusChecks() && !f.checksPassing()) {
      out.add("status checks are not all passing");
    }
    if (req.notDraft() && f.draft()) {
      out.add("the pull request is a draft");
    }
    return out;
  }
}
