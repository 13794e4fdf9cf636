package dev.keypool.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small forward proxy on 127.0.0.1 for tests of outbound proxying: an HTTP proxy (absolute-form
 * requests and {@code CONNECT} tunnels, with optional Basic credentials answered by 407) or a SOCKS5
 * proxy (RFC 1928, with optional RFC 1929 user/password). It records each target it connected to
 * ({@code host:port}) and relays bytes both ways, one virtual thread per direction.
 */
public final class TestProxy implements AutoCloseable {
  /** The kinds of proxy. */
  public enum Kind { HTTP, SOCKS5 }

  private final Kind kind;
  private final String user;
  private final String password;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  private TestProxy(Kind kind, String user, String password) throws IOException {
    this.kind = kind;
    this.user = user;
    this.password = password;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.submit(this::accept);
  }

  /** @param user null for a proxy that asks for no credentials */
  public static TestProxy start(Kind kind, String user, String password) throws IOException {
    return new TestProxy(kind, user, password);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The {@code host:port} of every connection relayed, in order. */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  /** The connections refused for missing or wrong credentials. */
  public int refused() {
    return refused.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.submit(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      if (kind == Kind.HTTP) {
        http(client);
      } else {
        socks(client);
      }
    } catch (IOException e) {
      // The client or the target went away: nothing to relay any more.
    }
  }

  private void http(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    String head = readHead(in);
    String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
    if (user != null && !head.toLowerCase(Locale.ROOT).contains("proxy-authorization: basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)).toLowerCase(Locale.ROOT))) {
      refused.add(requestLine[1]);
      client.getOutputStream().write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
          + "proxy-authenticate: Basic realm=\"test\"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return;
    }
    if (requestLine[0].equals("CONNECT")) {
      String[] hostPort = requestLine[1].split(":");
      try (Socket target = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
        targets.add(requestLine[1]);
        client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        relay(client, target, new byte[0]);
      }
      return;
    }
    // Absolute form: forward the request as it came (servers accept absolute-form targets), without
    // the credentials meant for the proxy.
    java.net.URI uri = java.net.URI.create(requestLine[1]);
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    String forwarded = head.lines().filter(l -> !l.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:"))
        .reduce((a, b) -> a + "\r\n" + b).orElse("") + "\r\n\r\n";
    try (Socket target = new Socket(uri.getHost(), port)) {
      targets.add(uri.getHost() + ":" + port);
      relay(client, target, forwarded.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private void socks(Socket client) throws IOException {
    DataInputStream in = new DataInputStream(client.getInputStream());
    OutputStream out = client.getOutputStream();
    if (in.readUnsignedByte() != 5) {
      return;
    }
    byte[] methods = in.readNBytes(in.readUnsignedByte());
    byte wanted = (byte) (user == null ? 0x00 : 0x02);
    boolean offered = false;
    for (byte m : methods) {
      offered |= m == wanted;
    }
    if (!offered) {
      refused.add("socks5 method");
      out.write(new byte[] {5, (byte) 0xFF});
      return;
    }
    out.write(new byte[] {5, wanted});
    if (user != null) {
      in.readUnsignedByte(); // sub-negotiation version 1
      String u = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
      String p = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
      boolean ok = u.equals(user) && p.equals(password);
      out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
      if (!ok) {
        refused.add("socks5 credentials");
        return;
      }
    }
    in.readUnsignedByte(); // version
    int command = in.readUnsignedByte();
    in.readUnsignedByte(); // reserved
    String host = switch (in.readUnsignedByte()) {
      case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
      case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
      case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
      default -> throw new IOException("unknown address type");
    };
    int port = in.readUnsignedShort();
    if (command != 1) {
      out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
      return;
    }
    try (Socket target = new Socket(host, port)) {
      targets.add(host + ":" + port);
      out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
      relay(client, target, new byte[0]);
    }
  }

  /** Copies both ways until either side closes; {@code first} goes to the target before the client's bytes. */
  private void relay(Socket client, Socket target, byte[] first) throws IOException {
    target.getOutputStream().write(first);
    var back = threads.submit(() -> {
      try {
        target.getInputStream().transferTo(client.getOutputStream());
      } catch (IOException e) {
        // closed
      } finally {
        close(client);
      }
    });
    try {
      client.getInputStream().transferTo(target.getOutputStream());
    } catch (IOException e) {
      // closed
    } finally {
      close(target);
      back.cancel(true);
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** The request head up to and excluding the blank line, read byte by byte so no body byte is consumed. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the end of the head");
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    String s = head.toString(StandardCharsets.ISO_8859_1);
    return s.substring(0, s.length() - 4);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
