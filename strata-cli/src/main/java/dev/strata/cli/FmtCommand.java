package dev.strata.cli;

import dev.strata.InputException;
import dev.strata.hcl.HclFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code strata schema fmt}: rewrite HCL files in canonical formatting. */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    description = {
      "Rewrite .hcl files in canonical formatting and print the names of the files changed.",
      "A directory means every .hcl file in it (not recursive); no argument means the current",
      "directory. With --check, change nothing and exit 1 if a file is not formatted."
    })
final class FmtCommand implements Callable<Integer> {
  @ParentCommand SchemaCommand parent;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--check", description = "Only report files that are not formatted.")
  boolean check;

  @Override
  public Integer call() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String p : paths.isEmpty() ? List.of(".") : paths) {
      Path path = Paths.get(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          s.filter(f -> f.toString().endsWith(".hcl")).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new InputException("no such file or directory: " + p);
      }
    }
    int unformatted = 0;
    for (Path f : files) {
      String src = Files.readString(f, StandardCharsets.UTF_8);
      String formatted = HclFormatter.format(src, f.toString());
      if (!formatted.equals(src)) {
        unformatted++;
        if (!check) {
          Files.writeString(f, formatted, StandardCharsets.UTF_8);
        }
        parent.main.io.out().println(f);
      }
    }
    return check && unformatted > 0 ? 1 : 0;
  }
}
