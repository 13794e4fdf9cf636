package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static dev.keypool.e2e.GatewayHarness.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.TestProxy;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code proxy} (global, with {@code no_proxy}) and a provider's {@code proxy}: upstream calls go through
 * an HTTP or SOCKS5 proxy with credentials, through the small in-process proxy of the test kit;
 * {@code none} and {@code no_proxy} go direct; a proxy refusing the credentials is the pool's problem,
 * never the client's; the password is never shown.
 */
class OutboundProxyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  GatewayHarness h;
  TestProxy httpProxy;
  TestProxy socksProxy;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {h, httpProxy, socksProxy}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** The standard providers, the OpenAI one with {@code openaiProxy} as its own proxy line (or none). */
  static String yaml(String global, String openaiProxy) {
    String providers = GatewayHarness.STANDARD.replaceFirst("(?m)^(    format: openai\\n)",
        "$1" + (openaiProxy == null ? "" : "    proxy: \"" + openaiProxy + "\"\n"));
    return providers + (global == null ? "" : global);
  }

  @Test
  void every_upstream_call_goes_through_the_global_http_proxy_with_its_credentials() throws Exception {
    httpProxy = TestProxy.start(TestProxy.Kind.HTTP, "team", "s3cr%t pw");
    h = GatewayHarness.start(yaml("proxy: { url: \"http://team:s3cr%25t%20pw@127.0.0.1:" + httpProxy.port() + "\" }\n",
        null));
    String upstream = "127.0.0.1:" + h.upstream.port();

    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(h.post("/v1/messages", message("claude-test")).statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests()).hasSize(2);
    assertThat(httpProxy.targets()).isNotEmpty().allMatch(upstream::equals);
    assertThat(httpProxy.refused()).isZero();

    // Health checks and upstream model lists take the same way.
    int before = httpProxy.targets().size();
    String keyId = JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body()).path(0)
        .path("id").asText();
    assertThat(h.adminCall("POST", "/api/provider-keys/" + keyId + "/check", null).statusCode()).isEqualTo(200);
    assertThat(h.adminCall("GET", "/api/providers/anthropic/upstream-models", null).statusCode()).isEqualTo(200);
    assertThat(h.upstream.requests()).hasSize(4);
    assertThat(httpProxy.targets().size()).isGreaterThan(before);

    // The password is never shown.
    String settings = h.adminCall("GET", "/api/settings", null).body();
    assertThat(settings).contains("http://team:****@127.0.0.1:" + httpProxy.port()).doesNotContain("s3cr");
  }

  @Test
  void a_provider_s_own_socks5_proxy_wins_and_none_or_no_proxy_go_direct() throws Exception {
    httpProxy = TestProxy.start(TestProxy.Kind.HTTP, null, null);
    socksProxy = TestProxy.start(TestProxy.Kind.SOCKS5, "u", "p4ss");
    h = GatewayHarness.start(yaml("proxy: { url: \"http://127.0.0.1:" + httpProxy.port() + "\" }\n",
        "socks5://u:p4ss@127.0.0.1:" + socksProxy.port()));
    String upstream = "127.0.0.1:" + h.upstream.port();

    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(socksProxy.targets()).containsOnly(upstream);
    assertThat(httpProxy.targets()).isEmpty();
    assertThat(h.post("/v1/messages", message("claude-test")).statusCode()).isEqualTo(200);
    assertThat(httpProxy.targets()).containsOnly(upstream);

    JsonNode provider = JSON.readTree(h.adminCall("GET", "/api/providers/openai", null).body());
    assertThat(provider.path("proxy").asText()).isEqualTo("socks5://u:****@127.0.0.1:" + socksProxy.port());
  }

  @Test
  void no_proxy_hosts_and_a_provider_s_none_are_reached_directly() throws Exception {
    httpProxy = TestProxy.start(TestProxy.Kind.HTTP, null, null);
    h = GatewayHarness.start(yaml("proxy: { url: \"http://127.0.0.1:" + httpProxy.port() + "\", no_proxy: [localhost, 127.0.0.1] }\n",
        null));
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(httpProxy.targets()).isEmpty();
    h.close();

    h = GatewayHarness.start(yaml("proxy: { url: \"http://127.0.0.1:" + httpProxy.port() + "\" }\n", "none"));
    assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
    assertThat(httpProxy.targets()).isEmpty();
    assertThat(h.post("/v1/messages", message("claude-test")).statusCode()).isEqualTo(200);
    assertThat(httpProxy.targets()).hasSize(1);
  }

  @Test
  void a_proxy_refusing_the_credentials_is_a_pool_failure_never_the_client_s() throws Exception {
    httpProxy = TestProxy.start(TestProxy.Kind.HTTP, "team", "right");
    h = GatewayHarness.start(yaml("proxy: { url: \"http://team:wrong@127.0.0.1:" + httpProxy.port() + "\" }\n", null));
    HttpResponse<String> r = h.post("/v1/chat/completions", chat("gpt-test"));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .contains("the outbound proxy refused Keypool's credentials").doesNotContain("wrong");
    assertThat(httpProxy.refused()).isPositive();

    // A health check and a model list say the same, and the key is not blamed: it stays usable.
    JsonNode key = JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body()).path(0);
    JsonNode check = JSON.readTree(h.adminCall("POST", "/api/provider-keys/" + key.path("id").asText() + "/check",
        null).body());
    assertThat(check.path("ok").asBoolean()).isFalse();
    assertThat(check.path("failure").asText()).isEqualTo("transient");
    assertThat(check.path("message").asText()).contains("the outbound proxy refused Keypool's credentials");
    assertThat(h.adminCall("GET", "/api/providers/anthropic/upstream-models", null).body())
        .contains("the outbound proxy refused Keypool's credentials").doesNotContain("wrong");
    assertThat(JSON.readTree(h.adminCall("GET", "/api/provider-keys/" + key.path("id").asText(), null).body())
        .path("live").path("state").asText()).isIn("healthy", "cooling_down");
    assertThat(h.upstream.requests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void a_run_time_provider_s_proxy_credentials_and_header_values_are_encrypted_at_rest_and_still_used(Storage storage)
      throws Exception {
    httpProxy = TestProxy.start(TestProxy.Kind.HTTP, "team", "proxy-pass-5e1d");
    h = GatewayHarness.start(GatewayHarness.STANDARD, storage);
    String proxyUrl = "http://team:proxy-pass-5e1d@127.0.0.1:" + httpProxy.port();
    JsonNode created = JSON.readTree(h.adminCall("POST", "/api/providers", """
        {"id": "reseller", "format": "openai", "base_url": "%s", "proxy": "%s",
         "headers": {"x-org-token": "org-token-secret-48c1"}}
        """.formatted(h.upstream.baseUrl(), proxyUrl)).body());
    assertThat(created.path("proxy").asText()).isEqualTo("http://team:****@127.0.0.1:" + httpProxy.port());
    assertThat(created.path("headers").path("x-org-token").asText()).isEqualTo("org...48c1");
    assertThat(h.adminCall("POST", "/api/provider-keys",
        "{\"provider\": \"reseller\", \"name\": \"r\", \"secret\": \"sk-reseller-01\"}").statusCode()).isEqualTo(201);
    assertThat(h.adminCall("PUT", "/api/models/reseller-test",
        "{\"candidates\": [{\"provider\": \"reseller\", \"model\": \"m\"}]}").statusCode()).isEqualTo(200);
    assertThat(storedRow()).contains("reseller").doesNotContain("proxy-pass", "org-token-secret");

    assertServedThroughTheProxy(1);
    String list = h.adminCall("GET", "/api/providers", null).body();
    assertThat(list).doesNotContain("proxy-pass", "org-token-secret");

    // A row an older version wrote, with the proxy URL in plain text in its definition: read as it is,
    // and encrypted by the next start.
    try (Connection db = h.database(); Statement st = db.createStatement()) {
      ObjectNode definition;
      try (ResultSet rs = st.executeQuery("SELECT definition FROM providers WHERE id = 'reseller'")) {
        rs.next();
        definition = (ObjectNode) JSON.readTree(rs.getString(1));
      }
      definition.put("proxy", proxyUrl);
      st.executeUpdate("UPDATE providers SET proxy = NULL, definition = '" + definition + "' WHERE id = 'reseller'");
    }
    assertThat(storedRow()).contains("proxy-pass");
    h.restart();
    assertThat(storedRow()).doesNotContain("proxy-pass", "org-token-secret");
    assertServedThroughTheProxy(2);
  }

  /** A request to the run-time provider reaches the upstream through the proxy, with its header. */
  private void assertServedThroughTheProxy(int requests) throws Exception {
    assertThat(h.post("/v1/chat/completions", chat("reseller-test")).statusCode()).isEqualTo(200);
    assertThat(h.upstream.requestsFor("sk-reseller-01")).hasSize(requests).last()
        .satisfies((RecordedRequest r) -> assertThat(r.headers().get("x-org-token")).containsExactly("org-token-secret-48c1"));
    assertThat(httpProxy.targets()).hasSize(requests).allMatch(("127.0.0.1:" + h.upstream.port())::equals);
    assertThat(httpProxy.refused()).isZero();
  }

  /** Every column of the run-time provider's row, as one text. */
  private String storedRow() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection db = h.database(); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM providers WHERE id = 'reseller'")) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          out.append(rs.getString(i)).append(' ');
        }
      }
    }
    return out.toString();
  }
}
