package dev.strata.dialect.mysql;

import dev.strata.apply.ApplyListener;
import dev.strata.apply.Executor;
import dev.strata.dialect.DbUrl;
import dev.strata.plan.Plan;
import dev.strata.plan.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link MysqlFaultTest}: applies the plan stored in a file (statements
 * separated by {@link #SEPARATOR}) to a URL, printing {@code START i} before each statement so that
 * the parent can kill it mid-way.
 */
public final class MysqlFaultMain {
  static final String SEPARATOR = "\n-- strata:next\n";

  private MysqlFaultMain() {}

  static Plan read(Path file) throws Exception {
    List<Statement> st = new ArrayList<>();
    for (String s : Files.readString(file).split(SEPARATOR)) {
      st.add(new Statement(s, null, null));
    }
    return new Plan(List.of(), st, false);
  }

  public static void main(String[] args) throws Exception {
    DbUrl url = DbUrl.parse(args[0]);
    Plan plan = read(Path.of(args[1]));
    MysqlDialect d = new MysqlDialect();
    ApplyListener print =
        new ApplyListener() {
          @Override
          public void starting(int index, int total, Statement statement) {
            System.out.println("START " + index);
            System.out.flush();
          }

          @Override
          public void done(int index, int total, Statement statement, long millis) {
            System.out.println("DONE " + index);
            System.out.flush();
          }
        };
    try (Connection c = d.open(url)) {
      new Executor(d, print).apply(c, plan);
    }
    System.out.println("FINISHED");
  }
}
