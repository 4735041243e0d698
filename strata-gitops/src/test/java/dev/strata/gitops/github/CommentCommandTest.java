package dev.strata.gitops.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.strata.gitops.github.CommentCommand.Apply;
import dev.strata.gitops.github.CommentCommand.Help;
import dev.strata.gitops.github.CommentCommand.Invalid;
import dev.strata.gitops.github.CommentCommand.Plan;
import dev.strata.gitops.github.CommentCommand.Unlock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommentCommandTest {

  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("strata plan", new Plan(null, null)),
        Arguments.of("  strata   plan  \n", new Plan(null, null)),
        Arguments.of("strata plan billing", new Plan("billing", null)),
        Arguments.of("strata plan billing/production", new Plan("billing", "production")),
        Arguments.of(
            "\n\nStrata PLAN app.v2/eu-west_1\nbecause the index changed",
            new Plan("app.v2", "eu-west_1")),
        Arguments.of("strata apply", new Apply(null, null)),
        Arguments.of("strata apply billing/staging", new Apply("billing", "staging")),
        Arguments.of(
            "strata apply --allow-destructive",
            new Apply(null, null, java.util.List.of("destructive"))),
        Arguments.of(
            "strata apply billing/staging --allow DS103 --allow=data_dependent,DS103",
            new Apply("billing", "staging", java.util.List.of("DS103", "data_dependent"))),
        Arguments.of(
            "strata apply --allow",
            new Invalid("`--allow` needs a lint code or category, as `--allow DS103`")),
        Arguments.of(
            "strata apply --allow --allow-destructive",
            new Invalid("`--allow` needs a lint code or category, as `--allow DS103`")),
        Arguments.of(
            "strata apply --force",
            new Invalid(
                "unknown option `--force` for `strata apply` (`--allow-destructive`,"
                    + " `--allow CODE|CATEGORY`)")),
        Arguments.of(
            "strata apply --allow everything",
            new Invalid(
                "`everything` is not a lint code or category (a code such as `DS103`, or"
                    + " `destructive`, `data_dependent`, ...)")),
        Arguments.of(
            "strata apply a --allow DS103 b",
            new Invalid("`strata apply` takes at most one `project[/env]` argument")),
        Arguments.of("strata unlock", new Unlock()),
        Arguments.of("strata help", new Help()),
        Arguments.of("strata", new Invalid("a command is missing after `strata`")),
        Arguments.of("strata destroy", new Invalid("unknown command `destroy`")),
        Arguments.of(
            "strata aply", new Invalid("unknown command `aply`; did you mean `strata apply`?")),
        Arguments.of(
            "strata unlcok db",
            new Invalid("unknown command `unlcok`; did you mean `strata unlock`?")),
        Arguments.of(
            "strata plan a b",
            new Invalid("`strata plan` takes at most one `project[/env]` argument")),
        Arguments.of(
            "strata apply ../etc",
            new Invalid("`../etc` is not a `project` or `project/env` name")),
        Arguments.of(
            "strata apply a/b/c", new Invalid("`a/b/c` is not a `project` or `project/env` name")),
        Arguments.of("strata unlock now", new Invalid("`strata unlock` takes no arguments")));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void parses(String body, CommentCommand expected) {
    assertEquals(expected, CommentCommand.parse(body));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "LGTM",
        "please run strata plan",
        "stratas plan",
        "> strata apply\nquoted from above",
        "`strata plan`"
      })
  void otherCommentsAreNotCommands(String body) {
    assertNull(CommentCommand.parse(body));
  }

  @org.junit.jupiter.api.Test
  void nullBodyIsNoCommand() {
    assertNull(CommentCommand.parse(null));
    assertInstanceOf(Help.class, CommentCommand.parse("strata help"));
  }
}
