package dev.strata.lint;

import java.util.List;

/**
 * One lint rule family. Analyzers read the typed changes of the plan (and, through the context, the
 * database's data and statistics) and never throw for a finding: they return it.
 */
public interface Analyzer {
  /** A short name for messages and listings ("destructive"). */
  String name();

  List<Finding> analyze(LintContext ctx);
}
