package dev.strata.lint;

import dev.strata.InputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which findings block an apply. An error blocks when its category is one of {@code
 * blocking} and neither its code nor its category is allowed; warnings and infos never block. The
 * default blocks destructive and data-dependent errors; the project file ({@code lint { destructive
 * { error = false } }}) and allowances ({@code --allow DS103}, {@code --allow destructive}) relax
 * it, and {@code locking { error = true }} tightens it.
 */
public record Policy(
    Set<Category> blocking, Set<Code> allowedCodes, Set<Category> allowedCategories) {
  public static final Policy DEFAULT =
      new Policy(EnumSet.of(Category.DESTRUCTIVE, Category.DATA_DEPENDENT), Set.of(), Set.of());

  public Policy {
    blocking = Set.copyOf(blocking);
    allowedCodes = Set.copyOf(allowedCodes);
    allowedCategories = Set.copyOf(allowedCategories);
  }

  /** This policy with errors of {@code category} blocking or not. */
  public Policy withError(Category category, boolean blocks) {
    Set<Category> b =
        blocking.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(blocking);
    if (blocks) {
      b.add(category);
    } else {
      b.remove(category);
    }
    return new Policy(b, allowedCodes, allowedCategories);
  }

  /**
   * This policy with an allowance: a code ({@code "DS103"}) or a category key ({@code
   * "destructive"}). Throws {@link InputException} for a word that is neither.
   */
  public Policy allow(String codeOrCategory) {
    Code code = Code.byName(codeOrCategory);
    if (code != null) {
      Set<Code> codes = EnumSet.of(code);
      codes.addAll(allowedCodes);
      return new Policy(blocking, codes, allowedCategories);
    }
    Category cat = Category.byKey(codeOrCategory);
    if (cat != null) {
      Set<Category> cats = EnumSet.of(cat);
      cats.addAll(allowedCategories);
      return new Policy(blocking, allowedCodes, cats);
    }
    throw new InputException(
        "unknown lint code or category \""
            + codeOrCategory
            + "\" (codes look like DS103; categories: destructive, data_dependent, incompatible,"
            + " locking, naming, rename)");
  }

  /** This policy with every allowance in the list. */
  public Policy allowAll(List<String> allowances) {
    Policy p = this;
    for (String a : allowances) {
      p = p.allow(a);
    }
    return p;
  }

  /** Whether this diagnostic would block, ignoring allowances. */
  public boolean wouldBlock(Diagnostic d) {
    return d.severity() == Severity.ERROR && blocking.contains(d.category());
  }

  /** Whether an allowance covers this diagnostic. */
  public boolean allowed(Diagnostic d) {
    return allowedCodes.contains(d.code()) || allowedCategories.contains(d.category());
  }

  /** The diagnostics that block the apply; empty means the plan may be applied. */
  public List<Diagnostic> blockers(LintReport report) {
    return report.diagnostics().stream().filter(d -> wouldBlock(d) && !allowed(d)).toList();
  }

  /** The diagnostics that would block but are allowed explicitly (shown as such). */
  public List<Diagnostic> allowances(LintReport report) {
    return report.diagnostics().stream().filter(d -> wouldBlock(d) && allowed(d)).toList();
  }

  public boolean blocks(LintReport report) {
    return !blockers(report).isEmpty();
  }
}
