package dev.strata.gitops.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerLogTest {
  @Test
  void passwordsInUrlsAreMaskedInTheLog() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ServerLog log = ServerLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    log.info("plan for o/r#2 failed: cannot connect to postgres://app:hunter2@db:5432/app");
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(line.contains("hunter2"), line);
    assertTrue(line.endsWith("failed: cannot connect to postgres://app:****@db:5432/app\n"), line);
  }
}
