package dev.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code strata gitops --help} and each subcommand's help read as written: the command list shows
 * one whole sentence per command, and descriptions are not re-wrapped mid-line.
 */
class GitopsHelpTest {
  @Test
  void theCommandListGivesEachCommandAWholeSentence() {
    Cli r = Cli.run("gitops", "--help");
    assertEquals(0, r.code(), r.toString());
    for (String cmd : List.of("plan", "apply", "approve", "unlock", "status", "drift")) {
      String line =
          r.out().lines().filter(l -> l.startsWith("  " + cmd + " ")).findFirst().orElseThrow();
      assertTrue(line.endsWith("."), "a whole sentence on one line: " + line);
    }
    assertTrue(
        r.out().contains("plan     Plan every environment a change affects and store the plans"),
        r.out());
  }

  @Test
  void descriptionsKeepTheirLines() {
    Cli plan = Cli.run("gitops", "plan", "--help");
    assertEquals(0, plan.code(), plan.toString());
    assertTrue(
        plan.out()
            .contains(
                "\nthe working tree), plans each of their environments against its database,"
                    + " stores the plans\n"),
        plan.out());
    assertTrue(plan.out().contains("merges into (e.g. origin/main)"), plan.out());
    Cli drift = Cli.run("gitops", "drift", "--help");
    assertTrue(
        drift
            .out()
            .contains(
                "\n--scheduled makes it cron-friendly: it checks only when drift.schedule in the"
                    + " config says\n"),
        drift.out());
  }
}
