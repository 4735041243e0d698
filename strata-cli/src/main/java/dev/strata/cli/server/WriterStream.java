package dev.strata.cli.server;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** An OutputStream over the command's PrintWriter, so the server log goes where picocli writes. */
final class WriterStream extends OutputStream {
  private final PrintWriter out;
  private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

  WriterStream(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      flush();
    }
  }

  @Override
  public synchronized void flush() {
    out.print(line.toString(StandardCharsets.UTF_8));
    out.flush();
    line.reset();
  }
}
