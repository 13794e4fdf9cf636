package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.Replies;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's IP behind load balancers: taken from {@code X-Forwarded-For} or {@code Forwarded} only
 * when the peer (here 127.0.0.1) is a trusted proxy, on the records, the keys' IP allow-lists and the
 * admin port's login throttling; from anyone else the headers are ignored.
 */
class ClientIpBehindProxyTest {
  static final String PASSWORD = "proxy-passphrase-1";
  static final String TRUSTED = "[127.0.0.1, 10.0.0.0/8]";

  GatewayHarness h;
  TenantCalls t;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  private void start(String proxyTrusted, String adminTrusted) throws Exception {
    Map<String, String> env = new java.util.HashMap<>();
    if (proxyTrusted != null) {
      env.put("KEYPOOL__LISTENERS__PROXY__TRUSTED_PROXIES", proxyTrusted);
    }
    if (adminTrusted != null) {
      env.put("KEYPOOL__LISTENERS__ADMIN__TRUSTED_PROXIES", adminTrusted);
    }
    h = GatewayHarness.withEnv(GatewayHarness.STANDARD, Storage.SQLITE, ", password: " + PASSWORD, env);
    t = new TenantCalls(h);
    h.upstream.defaultReply(Replies.openAiChat("ok", 4, 1));
  }

  @Test
  void behind_a_trusted_proxy_the_forwarded_address_is_the_client() throws Exception {
    start(TRUSTED, null);
    assertThat(recordedIp("x-forwarded-for", "203.0.113.7")).isEqualTo("203.0.113.7");
    // Right to left past the trusted hops: an address the client wrote itself on the left is not believed.
    assertThat(recordedIp("x-forwarded-for", "198.51.100.9, 203.0.113.7, 10.1.2.3")).isEqualTo("203.0.113.7");
    assertThat(recordedIp("x-forwarded-for", "10.0.0.1, 10.0.0.2")).isEqualTo("10.0.0.1");
    assertThat(recordedIp("x-forwarded-for", "203.0.113.7:5123")).isEqualTo("203.0.113.7");
    assertThat(recordedIp("x-forwarded-for", "unknown")).isEqualTo("127.0.0.1");
    assertThat(recordedIp("forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.5"))
        .isEqualTo("2001:db8:cafe::17");
    assertThat(recordedIp("forwarded", "for=192.0.2.60;by=203.0.113.43")).isEqualTo("192.0.2.60");

    String key = t.newKey("{\"name\":\"office\",\"allowed_ips\":[\"203.0.113.0/24\"]}").path("key").asText();
    assertThat(chat(key, "203.0.113.7").statusCode()).isEqualTo(200);
    HttpResponse<String> refused = chat(key, "198.51.100.9");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(refused)).contains("198.51.100.9");
  }

  @Test
  void from_a_peer_that_is_not_trusted_the_headers_are_ignored() throws Exception {
    start("[10.0.0.0/8]", null); // the test's peer, 127.0.0.1, is not in it
    assertThat(recordedIp("x-forwarded-for", "203.0.113.7")).isEqualTo("127.0.0.1");
    assertThat(recordedIp("forwarded", "for=203.0.113.7")).isEqualTo("127.0.0.1");
    String key = t.newKey("{\"name\":\"office\",\"allowed_ips\":[\"203.0.113.0/24\"]}").path("key").asText();
    assertThat(chat(key, "203.0.113.7").statusCode()).isEqualTo(403);
  }

  @Test
  void by_default_no_proxy_is_trusted() throws Exception {
    start(null, null);
    assertThat(recordedIp("x-forwarded-for", "203.0.113.7")).isEqualTo("127.0.0.1");
  }

  @Test
  void the_admin_port_throttles_logins_by_the_forwarded_address_only_behind_its_trusted_proxies() throws Exception {
    start(null, TRUSTED);
    for (int i = 0; i < 5; i++) {
      assertThat(login("nobody-" + i, "guess", "203.0.113.7").statusCode()).isEqualTo(401);
    }
    assertThat(login("admin", PASSWORD, "203.0.113.7").statusCode()).isEqualTo(429);
    assertThat(login("admin", PASSWORD, "198.51.100.9").statusCode()).isEqualTo(200);
    h.close();

    start(null, "[10.0.0.0/8]");
    for (int i = 0; i < 5; i++) {
      assertThat(login("nobody-" + i, "guess", "203.0.113.7").statusCode()).isEqualTo(401);
    }
    // Not behind a trusted proxy: every attempt counts against the peer, whatever the header says.
    assertThat(login("admin", PASSWORD, "198.51.100.9").statusCode()).isEqualTo(429);
  }

  private String recordedIp(String header, String value) throws Exception {
    HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"), header, value);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return h.record(r).path("client_ip").asText();
  }

  private HttpResponse<String> chat(String key, String forwardedFor) throws Exception {
    return h.postRaw("/v1/chat/completions", GatewayHarness.chat("gpt-test"), "authorization", "Bearer " + key,
        "content-type", "application/json", "x-forwarded-for", forwardedFor);
  }

  private HttpResponse<String> login(String user, String password, String forwardedFor) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(h.admin("/api/auth/login")).timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json").header("x-forwarded-for", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
        .build();
    return h.http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
