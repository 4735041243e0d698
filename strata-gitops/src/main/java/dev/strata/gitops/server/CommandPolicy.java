package dev.strata.gitops.server;

import dev.strata.gitops.github.CommentCommand;
import dev.strata.gitops.github.GithubTypes.Permission;

/**
 * The repository permission a commenter needs for each comment command, as GitHub reports it for
 * the user. The default lets readers plan and needs write (or maintain, admin) to apply or unlock;
 * stricter rules raise the levels (e.g. apply needs admin).
 */
public record CommandPolicy(Permission plan, Permission apply, Permission unlock) {

  /** Plan: read; apply and unlock: write. */
  public static final CommandPolicy DEFAULT =
      new CommandPolicy(Permission.READ, Permission.WRITE, Permission.WRITE);

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
