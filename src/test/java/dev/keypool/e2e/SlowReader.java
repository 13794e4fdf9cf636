package dev.keypool.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A streaming client on a raw socket that reads at its own pace (a small receive buffer, so that the
 * kernel does not read ahead for it), counting the bytes it took and keeping only their last part.
 */
final class SlowReader implements AutoCloseable {
  private static final int TAIL = 512;

  private final Socket socket = new Socket();
  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private final StringBuilder head = new StringBuilder();
  private String tail = "";
  private long read;
  private boolean ended;

  /** Connects and sends {@code body} to {@code path} with the client key. */
  SlowReader(int port, String path, String body) throws IOException {
    socket.setReceiveBufferSize(16 * 1024);
    socket.setSoTimeout(20_000);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var out = socket.getOutputStream();
    out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + GatewayHarness.CLIENT_KEY + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    out.write(bytes);
    out.flush();
    in = socket.getInputStream();
  }

  /** Reads up to {@code bytes}, fewer only when the response ended; returns what was read. */
  long read(long bytes) throws IOException {
    long taken = 0;
    while (taken < bytes && !ended) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - taken));
      if (n < 0) {
        ended = true;
        break;
      }
      keep(n);
      taken += n;
    }
    read += taken;
    return taken;
  }

  /** Reads {@code bytes} per {@code periodMillis}, {@code rounds} times: a client slower than the upstream. */
  void readSlowly(long bytes, long periodMillis, int rounds) throws IOException {
    for (int i = 0; i < rounds && !ended; i++) {
      read(bytes);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(periodMillis));
    }
  }

  /** Reads to the end of the response (the gateway closes nothing: the end is the chunked terminator). */
  void readToEnd() throws IOException {
    while (!tail.endsWith("0\r\n\r\n")) {
      int n = in.read(buffer);
      if (n < 0) {
        ended = true;
        return;
      }
      keep(n);
      read += n;
    }
  }

  private void keep(int n) {
    String s = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    if (head.length() < TAIL) {
      head.append(s, 0, Math.min(s.length(), TAIL - head.length()));
    }
    String joined = tail + s;
    tail = joined.length() > TAIL ? joined.substring(joined.length() - TAIL) : joined;
  }

  /** Bytes read so far, head included. */
  long bytesRead() {
    return read;
  }

  /** The first bytes of the response: status line and headers. */
  String head() {
    return head.toString();
  }

  /** The last bytes read. */
  String tail() {
    return tail;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
