package dev.keypool.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process OAuth 2.0 authorization server: {@code GET /authorize} approves at once (a 302 to the
 * redirect URI with a code and the state, as after a user's consent), {@code POST /token} grants
 * {@code authorization_code} (checking the PKCE S256 verifier against the challenge) and
 * {@code refresh_token} (rotating the refresh token unless told not to: a spent or revoked one gets
 * {@code 400 invalid_grant}). Tests can revoke grants, make the endpoint fail, hold token answers until
 * released (to overlap two refreshes), and count the refreshes granted.
 */
public final class FakeAuthServer implements AutoCloseable {
  public static final String CLIENT_ID = "test-client";

  private final HttpServer server;
  private final Map<String, String[]> codes = new ConcurrentHashMap<>(); // code -> {challenge, redirect_uri}
  private final Set<String> liveRefresh = ConcurrentHashMap.newKeySet();
  private final Set<String> liveAccess = ConcurrentHashMap.newKeySet();
  private final AtomicInteger serial = new AtomicInteger();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger refreshRequests = new AtomicInteger();
  private volatile long expiresIn = 3600;
  private volatile boolean rotate = true;
  private volatile int failWith;
  private volatile CountDownLatch hold;

  private FakeAuthServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public static FakeAuthServer start() throws IOException {
    return new FakeAuthServer();
  }

  public String authorizeUrl() {
    return base() + "/authorize";
  }

  public String tokenUrl() {
    return base() + "/token";
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Access tokens granted from now on last this many seconds. */
  public FakeAuthServer expiresIn(long seconds) {
    expiresIn = seconds;
    return this;
  }

  /** Whether refreshes rotate the refresh token (the default) or keep it. */
  public FakeAuthServer rotate(boolean on) {
    rotate = on;
    return this;
  }

  /** Token requests answer this status from now on (0: normally). */
  public FakeAuthServer failWith(int status) {
    failWith = status;
    return this;
  }

  /** Every refresh token issued so far is revoked: refreshing with one gets invalid_grant. */
  public void revokeAll() {
    liveRefresh.clear();
  }

  /** A refresh token for an account that exists only here (for imports). */
  public String issueRefreshToken() {
    String t = "rt-" + serial.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    liveRefresh.add(t);
    return t;
  }

  /** Token answers wait until {@link #release()}. */
  public void hold() {
    hold = new CountDownLatch(1);
  }

  public void release() {
    CountDownLatch h = hold;
    hold = null;
    if (h != null) {
      h.countDown();
    }
  }

  /** Refreshes granted so far. */
  public int refreshes() {
    return refreshes.get();
  }

  /** Refresh requests received so far (granted, refused or held). */
  public int refreshRequests() {
    return refreshRequests.get();
  }

  /** Whether this server issued {@code accessToken}. */
  public boolean issued(String accessToken) {
    return liveAccess.contains(accessToken);
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> q = parse(ex.getRequestURI().getRawQuery());
    if (!CLIENT_ID.equals(q.get("client_id")) || !"S256".equals(q.get("code_challenge_method"))
        || !"code".equals(q.get("response_type"))) {
      send(ex, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    String code = "code-" + serial.incrementAndGet();
    codes.put(code, new String[] {q.get("code_challenge"), q.get("redirect_uri")});
    ex.getResponseHeaders().set("location", q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state")));
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> form = parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    boolean refresh = "refresh_token".equals(form.get("grant_type"));
    if (refresh) {
      refreshRequests.incrementAndGet();
    }
    CountDownLatch h = hold;
    if (h != null) {
      try {
        h.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failWith != 0) {
      send(ex, failWith, "{\"error\":\"temporarily_unavailable\"}");
      return;
    }
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      send(ex, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    String refreshToken;
    if (refresh) {
      String old = form.get("refresh_token");
      if (old == null || !(rotate ? liveRefresh.remove(old) : liveRefresh.contains(old))) {
        send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token revoked or already used\"}");
        return;
      }
      refreshes.incrementAndGet();
      refreshToken = rotate ? issueRefreshToken() : null;
    } else if ("authorization_code".equals(form.get("grant_type"))) {
      String[] c = codes.remove(String.valueOf(form.get("code")));
      if (c == null || !c[0].equals(challenge(form.get("code_verifier"))) || !String.valueOf(c[1]).equals(
          String.valueOf(form.get("redirect_uri")))) {
        send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code or verifier\"}");
        return;
      }
      refreshToken = issueRefreshToken();
    } else {
      send(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
      return;
    }
    String access = "at-" + serial.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    liveAccess.add(access);
    send(ex, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
        + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}");
  }

  private static String challenge(String verifier) {
    if (verifier == null) {
      return "";
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  /** The query parameters of {@code url}. */
  public static Map<String, String> query(String url) {
    return parse(URI.create(url).getRawQuery());
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
