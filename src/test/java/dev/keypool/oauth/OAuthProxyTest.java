package dev.keypool.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.FakeAuthServer;
import dev.keypool.testkit.TestProxy;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth token calls (the code exchange and each refresh) take the outbound proxy the account's upstream
 * calls take: the global one, or the account's provider's own; a proxy refusing Keypool's credentials
 * is said so, and leaves the account to be retried rather than revoked.
 */
class OAuthProxyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  FakeAuthServer auth;
  GatewayHarness h;
  TestProxy global;
  TestProxy own;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {h, auth, global, own}) {
      if (c != null) {
        c.close();
      }
    }
  }

  String authTarget() {
    URI token = URI.create(auth.tokenUrl());
    return token.getHost() + ":" + token.getPort();
  }

  static String globalProxy(TestProxy proxy, String credentials) {
    return "proxy: { url: \"http://" + credentials + "@127.0.0.1:" + proxy.port() + "\" }\n";
  }

  JsonNode refresh(String keyId) throws Exception {
    return JSON.readTree(h.adminCall("POST", "/api/provider-keys/" + keyId + "/oauth/refresh", null).body());
  }

  @Test
  void the_code_exchange_and_refreshes_go_through_the_global_proxy_with_its_credentials() throws Exception {
    auth = FakeAuthServer.start();
    global = TestProxy.start(TestProxy.Kind.HTTP, "team", "proxy-pw");
    h = GatewayHarness.start(OAuthAccountTest.YAML + globalProxy(global, "team:proxy-pw"));

    String id = OAuthAccountTest.addThroughPkce(h, auth, "alice").path("id").asText();
    assertThat(global.targets()).as("the code exchange").containsExactly(authTarget());

    assertThat(refresh(id).path("oauth").path("refresh_count").asInt()).isEqualTo(1);
    assertThat(auth.refreshes()).isEqualTo(1);
    assertThat(global.targets()).as("the refresh").containsExactly(authTarget(), authTarget());
    assertThat(global.refused()).isZero();
  }

  @Test
  void the_account_s_provider_s_own_proxy_wins_over_the_global_one() throws Exception {
    auth = FakeAuthServer.start();
    global = TestProxy.start(TestProxy.Kind.HTTP, null, null);
    own = TestProxy.start(TestProxy.Kind.SOCKS5, "u", "socks-pw");
    String yaml = OAuthAccountTest.YAML.replace("  - id: subs\n    format: openai\n",
        "  - id: subs\n    format: openai\n    proxy: \"socks5://u:socks-pw@127.0.0.1:" + own.port() + "\"\n");
    assertThat(yaml).contains("socks5://");
    h = GatewayHarness.start(yaml + globalProxy(global, "x:y").replace("x:y@", ""));

    String id = OAuthAccountTest.addThroughPkce(h, auth, "bob").path("id").asText();
    refresh(id);
    assertThat(auth.refreshes()).isEqualTo(1);
    assertThat(own.targets()).containsExactly(authTarget(), authTarget());
    assertThat(global.targets()).isEmpty();
  }

  @Test
  void a_proxy_refusing_the_credentials_is_named_and_the_account_is_retried_not_revoked() throws Exception {
    auth = FakeAuthServer.start();
    global = TestProxy.start(TestProxy.Kind.HTTP, "team", "right");
    h = GatewayHarness.start(OAuthAccountTest.YAML + globalProxy(global, "team:right"));
    String id = OAuthAccountTest.addThroughPkce(h, auth, "carol").path("id").asText();

    // The account's provider is given a proxy of its own, with the wrong password, at run time.
    assertThat(h.adminCall("PATCH", "/api/providers/subs",
        "{\"proxy\": \"http://team:wrong-pw@127.0.0.1:" + global.port() + "\"}").statusCode()).isEqualTo(200);
    JsonNode failed = refresh(id).path("oauth");
    assertThat(failed.path("failure").asText()).isEqualTo("transient");
    assertThat(failed.path("last_error").asText()).contains("the outbound proxy refused Keypool's credentials")
        .doesNotContain("wrong-pw");
    assertThat(global.refused()).isPositive();
    assertThat(auth.refreshRequests()).isZero();

    String imported = h.adminCall("POST", "/api/provider-keys/oauth/import", "{"
        + OAuthAccountTest.client(auth, "dave") + ", \"refresh_token\": \"" + auth.issueRefreshToken() + "\"}").body();
    assertThat(imported).contains("the outbound proxy refused Keypool's credentials").doesNotContain("wrong-pw");
    assertThat(auth.refreshRequests()).isZero();
  }
}
