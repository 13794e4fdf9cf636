package dev.keypool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds {@code --count} kept-alive connections to the proxy: each makes one request ({@code GET
 * /v1/models}), then stays idle for {@code --hold-seconds}; at the end every connection still open
 * makes a second request on the same socket. Source addresses rotate over 127.0.0.{@code --first-host}
 * up to {@code --hosts} of them, as one loopback address has ~28,000 ephemeral ports. One virtual thread
 * per connection. Prints {@code RESULT opened=… refused=… held=… second_ok=…}.
 *
 * <p>Usage: {@code IdleHold --port 18080 --auth KEY [--count 10000] [--hold-seconds 30] [--hosts 4]
 * [--first-host 2]}.
 */
public final class IdleHold {

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int port = args.integer("port", 18080);
    int count = args.integer("count", 10_000);
    int hold = args.integer("hold-seconds", 30);
    int hosts = args.integer("hosts", 4);
    int firstHost = args.integer("first-host", 2);
    String request = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + args.string("auth", "") + "\r\n\r\n";
    byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
    CountDownLatch ready = new CountDownLatch(count);
    long start = System.nanoTime();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        String source = "127.0.0." + (firstHost + i % hosts);
        threads.submit(() -> {
          try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(bytes);
            if (readResponse(s.getInputStream()).startsWith("HTTP/1.1 200")) {
              opened.incrementAndGet();
              sockets.add(s);
            } else {
              refused.incrementAndGet();
              s.close();
            }
          } catch (IOException e) {
            refused.incrementAndGet();
          } finally {
            ready.countDown();
          }
          return null;
        });
      }
      ready.await(300, TimeUnit.SECONDS);
    }
    System.out.printf("OPENED opened=%d refused=%d seconds=%.1f%n", opened.get(), refused.get(),
        (System.nanoTime() - start) / 1e9);
    System.out.flush();
    Thread.sleep(hold * 1000L); // the hold itself is what is measured
    AtomicInteger secondOk = new AtomicInteger();
    List<Socket> all = List.copyOf(sockets);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Socket s : all) {
        threads.submit(() -> {
          try (s) {
            s.getOutputStream().write(bytes);
            if (readResponse(s.getInputStream()).startsWith("HTTP/1.1 200")) {
              secondOk.incrementAndGet();
            }
          } catch (IOException e) {
            // closed by the gateway while idle
          }
          return null;
        });
      }
    }
    System.out.printf("RESULT opened=%d refused=%d held=%d second_ok=%d%n", opened.get(), refused.get(),
        all.size(), secondOk.get());
  }

  /** One response with a Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new SocketTimeoutException("closed");
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return head.toString();
  }
}
