package dev.strata.plan;

import dev.strata.change.SchemaChange;
import java.util.List;

/**
 * An ordered list of statements that turns one schema into another, with the typed changes it was
 * made from. {@code transactional} says whether the executor may run it in one transaction.
 */
public record Plan(List<SchemaChange> changes, List<Statement> statements, boolean transactional) {
  public Plan {
    changes = List.copyOf(changes);
    statements = List.copyOf(statements);
  }

  public boolean isEmpty() {
    return statements.isEmpty();
  }

  /** The statements that undo this plan, in reverse order; null entries are skipped. */
  public List<String> reverse() {
    List<String> out = new java.util.ArrayList<>();
    for (int i = statements.size() - 1; i >= 0; i--) {
      String r = statements.get(i).reverse();
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
