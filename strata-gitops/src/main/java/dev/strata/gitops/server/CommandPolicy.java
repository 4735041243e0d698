package dev.strata.gitops.server;

import dev.strata.InputException;
import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.GithubTypes.Permission;
import java.util.Locale;

/**
 * The repository permission a commenter needs for each comment command, as GitHub reports it for
 * the user. The default lets readers plan and needs write (or maintain, admin) to apply or unlock;
 * stricter rules raise the levels (e.g. apply needs admin), never lower them: {@link #parse} reads
 * them from the server's environment ({@code STRATA_COMMAND_PERMISSIONS}), not from the repository,
 * whose configuration comes from the very pull request the rules guard.
 */
public record CommandPolicy(Permission plan, Permission apply, Permission unlock) {

  /** Plan: read; apply and unlock: write. */
  public static final CommandPolicy DEFAULT =
      new CommandPolicy(Permission.READ, Permission.WRITE, Permission.WRITE);

  /**
   * The default raised by {@code spec}, comma-separated {@code command=permission} pairs such as
   * {@code apply=admin,unlock=maintain,plan=write}; null or blank is the default. A level below the
   * default, an unknown command or an unknown permission is an {@link InputException}.
   */
  public static CommandPolicy parse(String spec) {
    CommandPolicy p = DEFAULT;
    if (spec == null || spec.isBlank()) {
      return p;
    }
    for (String part : spec.split(",")) {
      String[] kv = part.split("=", 2);
      String command = kv[0].trim().toLowerCase(Locale.ROOT);
      String level = kv.length == 2 ? kv[1].trim().toLowerCase(Locale.ROOT) : "";
      Permission perm = Permission.of(level);
      if (perm == Permission.NONE) {
        throw new InputException(
            "STRATA_COMMAND_PERMISSIONS: '"
                + part.trim()
                + "' is not command=permission with a permission of read, triage, write,"
                + " maintain or admin");
      }
      Permission floor =
          switch (command) {
            case "plan" -> DEFAULT.plan;
            case "apply" -> DEFAULT.apply;
            case "unlock" -> DEFAULT.unlock;
            default ->
                throw new InputException(
                    "STRATA_COMMAND_PERMISSIONS: unknown command '"
                        + command
                        + "' (plan, apply or unlock)");
          };
      if (!perm.atLeast(floor)) {
        throw new InputException(
            "STRATA_COMMAND_PERMISSIONS: "
                + command
                + " needs at least "
                + floor.name().toLowerCase(Locale.ROOT)
                + " permission; rules can only be made stricter, not '"
                + level
                + "'");
      }
      p =
          switch (command) {
            case "plan" -> new CommandPolicy(perm, p.apply, p.unlock);
            case "apply" -> new CommandPolicy(p.plan, perm, p.unlock);
            default -> new CommandPolicy(p.plan, p.apply, perm);
          };
    }
    return p;
  }

  /** {@link CommentCommand#USAGE} with the permissions this policy asks for. */
  public String usage() {
    return CommentCommand.USAGE
        .replace(
            "apply the current plans (needs write permission)",
            "apply the current plans (needs " + word(apply) + " permission)")
        .replace(
            "release the locks this pull request holds (needs write permission)",
            "release the locks this pull request holds (needs " + word(unlock) + " permission)")
        .replace(
            "or one project (and environment) |",
            "or one project (and environment)"
                + (plan == DEFAULT.plan ? "" : " (needs " + word(plan) + " permission)")
                + " |");
  }

  private static String word(Permission p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  /** The permission {@code command} needs; help and invalid commands need none. */
  public Permission required(CommentCommand command) {
    if (command instanceof CommentCommand.Plan) {
      return plan;
    } else if (command instanceof CommentCommand.Apply) {
      return apply;
    } else if (command instanceof CommentCommand.Unlock) {
      return unlock;
    }
    return Permission.NONE;
  }
}
