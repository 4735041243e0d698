package dev.strata.gitops.run;

import dev.strata.StrataException;
import dev.strata.dialect.DbUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the config's hook commands with {@code sh -c} in the work tree, with the process environment
 * plus the run's context: {@code STRATA_COMMAND} (plan or apply), {@code STRATA_STAGE} (before or
 * after), {@code STRATA_PROJECT}, {@code STRATA_DIR}, {@code STRATA_ENV}, {@code STRATA_PR}, {@code
 * STRATA_BASE}, {@code STRATA_HEAD}, {@code STRATA_STATUS} (after only) and {@code STRATA_PLAN_ID}.
 * A before-hook that fails stops that environment; an after-hook that fails is reported. Output is
 * captured (masked) for the report.
 */
final class HookRunner {
  /** The outcome of one stage's hooks. */
  record Outcome(boolean ok, List<String> output) {}

  private static final long TIMEOUT_MINUTES = 10;

  private final Path dir;
  private final Map<String, String> env;

  HookRunner(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** Runs {@code commands} in order, stopping at the first failure. */
  Outcome run(List<String> commands, Map<String, String> context) {
    List<String> output = new ArrayList<>();
    for (String cmd : commands) {
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd).directory(dir.toFile());
      pb.redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.environment().putAll(context);
      try {
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          output.add("$ " + cmd + "\n(timed out after " + TIMEOUT_MINUTES + " minutes)");
          return new Outcome(false, output);
        }
        int code = p.exitValue();
        output.add(
            DbUrl.mask(
                "$ "
                    + cmd
                    + "\n"
                    + out.stripTrailing()
                    + (code == 0 ? "" : "\n(exit " + code + ")")));
        if (code != 0) {
          return new Outcome(false, output);
        }
      } catch (IOException e) {
        throw new StrataException("hook \"" + cmd + "\": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StrataException("hook \"" + cmd + "\" interrupted", e);
      }
    }
    return new Outcome(true, output);
  }

  /** The context variables of a run on one target. */
  static Map<String, String> context(
      String command, String stage, Target t, int pr, String base, String head) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("STRATA_COMMAND", command);
    m.put("STRATA_STAGE", stage);
    m.put("STRATA_PROJECT", t.project());
    m.put("STRATA_DIR", t.dir());
    m.put("STRATA_ENV", t.env().name());
    m.put("STRATA_PR", pr > 0 ? String.valueOf(pr) : "");
    m.put("STRATA_BASE", base == null ? "" : base);
    m.put("STRATA_HEAD", head == null ? "" : head);
    return m;
  }
}
