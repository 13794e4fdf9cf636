package dev.keypool.testkit;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} that a test starts, kills and starts again on its own free port, to test
 * what happens when Redis goes away. It keeps nothing on disk, unless started with {@link #startKeepingData}. The machine's shared Redis is never
 * touched. Without {@code redis-server} on the PATH the test fails (or skips with KEYPOOL_SKIP_REDIS=1).
 */
public final class PrivateRedis implements AutoCloseable {
  private final int port;
  /** Where an append-only file keeps the data across {@link #kill} and {@link #restart}; null: nowhere. */
  private final Path dataDir;
  private Process process;

  private PrivateRedis(int port, Path dataDir) {
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts a server on a free port and waits until it accepts connections. */
  public static PrivateRedis start() throws IOException {
    return start(null);
  }

  /**
   * A server that writes every command to an append-only file in a temporary directory before answering
   * it, so that a restart after {@link #kill} finds what was there, as a Redis with persistence would.
   */
  public static PrivateRedis startKeepingData() throws IOException {
    return start(Files.createTempDirectory("keypool-redis"));
  }

  private static PrivateRedis start(Path dataDir) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PrivateRedis r = new PrivateRedis(port, dataDir);
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
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", ""));
    command.addAll(dataDir == null ? List.of("--appendonly", "no")
        : List.of("--appendonly", "yes", "--appendfsync", "always", "--dir", dataDir.toString()));
    process = new ProcessBuilder(command)
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
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
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
