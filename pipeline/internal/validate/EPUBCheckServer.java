// Checks EPUB files with EPUBCheck, one after another in this one JVM, so
// that a test run pays for the JVM's start-up and EPUBCheck's schema
// loading once instead of once per publication (EPUBCheck 4's command line
// takes one publication per run).
//
//   java -cp epubcheck.jar EPUBCheckServer.java
//
// Started by validate.EPUBCheck with Java's single-file source launcher
// (the java command compiles this file in memory; nothing is built or
// committed). Each line read on standard input is a request of three
// tab-separated paths:
//
//   EPUB  REPORT  LOG
//
// and is checked exactly as `java -jar epubcheck.jar EPUB --json REPORT`
// would check it, through the command line's own class, EpubChecker. What
// EPUBCheck prints goes to LOG. The reply, on standard output, is one line:
// EpubChecker's exit status, or "error: ..." when the request could not be
// run. The server stops at the end of its input.
import com.adobe.epubcheck.tool.EpubChecker;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EPUBCheckServer {
  // Sink takes what EPUBCheck writes to System.out and System.err and
  // sends it to the current request's log. System.out is replaced once,
  // not per request, because a class may keep the stream it found.
  static final class Sink extends OutputStream {
    OutputStream target = OutputStream.nullOutputStream();

    @Override
    public synchronized void write(int b) throws IOException {
      target.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      target.write(b, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
      target.flush();
    }

    synchronized void to(OutputStream o) throws IOException {
      target.flush();
      target = o;
    }
  }

  public static void main(String[] args) throws IOException {
    PrintStream reply = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Sink sink = new Sink();
    PrintStream captured = new PrintStream(sink, true, StandardCharsets.UTF_8);
    System.setOut(captured);
    System.setErr(captured);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null;) {
      String[] f = line.split("\t", -1);
      if (f.length != 3) {
        reply.println("error: want EPUB, REPORT and LOG separated by tabs, got " + line);
        continue;
      }
      try (FileOutputStream log = new FileOutputStream(f[2])) {
        sink.to(log);
        int status;
        try {
          status = new EpubChecker().run(new String[] {f[0], "--json", f[1]});
        } catch (Throwable e) {
          // EpubChecker catches what it expects; anything else is still
          // this publication's failure, not the server's.
          e.printStackTrace(captured);
          status = 1;
        }
        captured.flush();
        sink.to(OutputStream.nullOutputStream());
        reply.println(status);
      } catch (IOException e) {
        reply.println("error: " + e);
      }
    }
  }
}
