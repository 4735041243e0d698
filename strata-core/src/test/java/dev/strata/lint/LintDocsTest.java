package dev.strata.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LintDocsTest {
  @Test
  void everyCodeHasASectionWithWhatWhyAndFix() throws Exception {
    Path docs = Path.of("../docs/lint.md");
    if (!Files.exists(docs)) {
      docs = Path.of("docs/lint.md");
    }
    String text = Files.readString(docs);
    for (Code c : Code.values()) {
      int at = text.indexOf("\n## " + c.name() + "\n");
      assertTrue(at >= 0, "docs/lint.md has no section for " + c);
      int next = text.indexOf("\n## ", at + 1);
      String section = text.substring(at, next < 0 ? text.length() : next);
      assertTrue(
          section.contains("**What:**")
              && section.contains("**Why:**")
              && section.contains("**Fix:**"),
          c + " section lacks what/why/fix");
    }
  }
}
