package dev.keypool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * An upstream that accepts each connection, reads the request head and resets the connection (a TCP
 * RST, through a zero linger) without answering: what a crashing server or a middlebox does. Also
 * gives a port on which nothing listens, for refused connections.
 */
public final class ResettingUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final Thread acceptor;

  private ResettingUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().name("resetting-upstream").start(this::acceptLoop);
  }

  public static ResettingUpstream start() throws IOException {
    return new ResettingUpstream();
  }

  /** A loopback port that was free a moment ago and on which nothing listens. */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The root URL ({@code http://127.0.0.1:PORT}). */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(5_000);
        readHead(socket.getInputStream());
        socket.setSoLinger(true, 0);
      } catch (IOException e) {
        // closed, or the client gave up: nothing to answer either way
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
