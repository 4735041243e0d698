package dev.strata.gitops.run;

import dev.strata.StrataException;
import dev.strata.gitops.config.GitopsConfig.ApplyRequirements;
import dev.strata.gitops.git.GitRepo;
import dev.strata.gitops.store.Approval;
import dev.strata.gitops.store.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a config's {@code apply_requirements}. With a forge (GitHub), the facts come from it. With
 * plain git, approvals and mergeability are checked without one: approvals are those recorded in
 * the state store ({@code strata gitops approve}), each person counted once, at the head commit
 * being applied unless {@code dismiss_stale_approvals: false}; mergeable means the head merges into
 * the default branch without conflicts (simulated on the commit objects). Status checks and drafts
 * exist only on a forge, so with plain git they stay unmet and say so.
 */
final class Requirements {
  private Requirements() {}

  /** The pull request being applied, for the plain-git checks. */
  record PlainGit(GitRepo git, StateStore store, String head, String defaultBranch) {}

  /** The unmet requirements, in words; empty when the apply may go ahead. */
  static List<String> unmet(ApplyRequirements req, int pr, PullRequests forge, PlainGit plain) {
    List<String> out = new ArrayList<>();
    if (!req.any()) {
      return out;
    }
    if (pr <= 0) {
      out.add("apply_requirements apply to pull requests; this apply names none (use --pr N)");
      return out;
    }
    Optional<PullRequests.Facts> facts = forge.find(pr);
    if (facts.isPresent()) {
      PullRequests.Facts f = facts.get();
      approvals(req, f.approvedBy(), "", out);
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
    if (req.approvals() > 0) {
      Set<String> who = new LinkedHashSet<>();
      int stale = 0;
      for (Approval a : plain.store().approvals(pr)) {
        if (!req.dismissStaleApprovals() || a.head().equals(plain.head())) {
          who.add(a.actor());
        } else {
          stale++;
        }
      }
      approvals(
          req,
          List.copyOf(who),
          stale == 0
              ? ""
              : " ("
                  + stale
                  + " recorded at an earlier head commit no longer count"
                  + (stale == 1 ? "s" : "")
                  + ")",
          out);
    }
    if (req.mergeable()) {
      mergeable(plain, pr, out);
    }
    if (req.statusChecks()) {
      out.add("status_checks needs a forge (GitHub) to ask; plain git has no status checks");
    }
    if (req.notDraft()) {
      out.add("not_draft needs a forge (GitHub) to ask; plain git has no drafts");
    }
    return out;
  }

  private static void approvals(
      ApplyRequirements req, List<String> approvedBy, String note, List<String> out) {
    List<String> counted =
        req.approvers().isEmpty()
            ? approvedBy
            : approvedBy.stream().filter(req.approvers()::contains).toList();
    if (counted.size() < req.approvals()) {
      out.add(
          "needs "
              + req.approvals()
              + " approval"
              + (req.approvals() == 1 ? "" : "s")
              + (req.approvers().isEmpty() ? "" : " from " + String.join(", ", req.approvers()))
              + ", has "
              + counted.size()
              + (counted.isEmpty() ? "" : " (" + String.join(", ", counted) + ")")
              + note);
    }
  }

  private static void mergeable(PlainGit plain, int pr, List<String> out) {
    GitRepo git = plain.git();
    Optional<String> base = git.tryResolveBranch(plain.defaultBranch());
    if (base.isEmpty()) {
      out.add(
          "mergeable: the default branch \""
              + plain.defaultBranch()
              + "\" does not exist in this repository (nor origin/"
              + plain.defaultBranch()
              + ")");
      return;
    }
    if (git.isAncestor(plain.head(), base.get())) {
      return;
    }
    try {
      List<String> conflicts = git.mergeConflicts(base.get(), plain.head());
      if (!conflicts.isEmpty()) {
        out.add(
            "PR #"
                + pr
                + " is not mergeable: "
                + GitRepo.shortSha(plain.head())
                + " conflicts with "
                + plain.defaultBranch()
                + " in "
                + String.join(", ", conflicts));
      }
    } catch (StrataException e) {
      out.add("mergeable could not be checked: " + e.getMessage());
    }
  }
}
