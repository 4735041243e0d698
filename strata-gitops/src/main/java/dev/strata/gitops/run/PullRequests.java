package dev.strata.gitops.run;

import java.util.List;
import java.util.Optional;

/**
 * What a forge knows about pull requests, for apply requirements. Plain git knows nothing: {@link
 * #NONE} answers empty, so any requirement beyond the merge itself cannot be met and says so. The
 * forge integrations implement this.
 */
public interface PullRequests {
  /** No forge: nothing is known about any pull request. */
  PullRequests NONE = pr -> Optional.empty();

  /** The facts of pull request {@code pr}, or empty when unknown. */
  Optional<Facts> find(int pr);

  /** Review and merge state of one pull request. */
  record Facts(
      int number,
      List<String> approvedBy,
      boolean mergeable,
      boolean checksPassing,
      boolean draft) {
    public Facts {
      approvedBy = List.copyOf(approvedBy);
    }
  }
}
