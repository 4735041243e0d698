package dev.strata.plan;

import dev.strata.StrataException;
import java.util.List;

/** A stored plan no longer fits the database (exit 1); {@link #changes()} says what differs. */
public class DriftException extends StrataException {
  private final List<String> changes;

  public DriftException(String message, List<String> changes) {
    super(message);
    this.changes = List.copyOf(changes);
  }

  /** One phrase per difference, e.g. "table users gained column x". */
  public List<String> changes() {
    return changes;
  }
}
