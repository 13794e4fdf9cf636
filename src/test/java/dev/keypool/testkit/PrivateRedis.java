package dev.keypool.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} that a test starts, kills and starts again on its own free port, to test
 * what happens when Redis goes away. It keeps nothing on disk. The machine's shared Redis is never
 * touched. Without {@code redis-server} on the PATH the test fails (or skips with KEYPOOL_SKIP_REDIS=1).
 */
public final class PrivateRedis implements AutoCloseable {
  private final int port;
  private Process process;

  private PrivateRedis(int port) {
    this.port = port;
  }

  /** Starts a server on a free port and waits until it accepts connections. */
  public static PrivateRedis start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PrivateRedis r = new PrivateRedis(port);
    r.restart();
    return r;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the server again on the same port (after {@link #kill}). */
  public void restart() throws IOException {
    if (!onPath("redis-server")) {
      TestRedis.requireFailed("redis-server not found on PATH (needed to start a private Redis on port " + port + ")",
          null);
    }
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Poll.until("private redis-server accepts connections on port " + port, Duration.ofSeconds(10), this::accepts);
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing answers, as with a hung host. */
  public void freeze() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** Lets a frozen server run again (SIGCONT). */
  public void thaw() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String sig) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("kill " + sig + " " + process.pid() + " failed");
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      thaw();
      kill();
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, exe).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
