package dev.keypool.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.BrowserExtension;
import dev.keypool.testkit.FakeAuthServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Add OAuth account" in a real browser: the operator starts the PKCE flow, follows the authorization
 * link (the fake server approves it and redirects), pastes the address back, and lands on the new key,
 * which shows its token's expiry and refreshes it on request.
 */
class OAuthAccountPageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "oauth-passphrase-1";

  @RegisterExtension
  static final BrowserExtension browser = new BrowserExtension();
  GatewayHarness h;
  FakeAuthServer auth;

  @BeforeEach
  void start() throws Exception {
    auth = FakeAuthServer.start();
    h = GatewayHarness.withEnv(dev.keypool.oauth.OAuthAccountTest.YAML, GatewayHarness.Storage.SQLITE,
        ", password: " + PASSWORD, Map.of());
    h.clock.set(Instant.now()); // the browser judges times by its own clock
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    auth.close();
  }

  @Test
  void an_admin_adds_an_oauth_account_through_pkce_and_refreshes_its_token() throws Exception {
    Console c = new Console(browser.get(), h.admin("/")).login("admin", PASSWORD).go("providers");
    c.button("Add OAuth account").fill("provider", "subs").fill("name", "web-account").choose("preset", "generic");
    c.fill("authorize_url", auth.authorizeUrl()).fill("token_url", auth.tokenUrl())
        .fill("client_id", FakeAuthServer.CLIENT_ID).fill("redirect_uri", "http://127.0.0.1:9/callback");
    c.screenshot("oauth-start");
    c.button("Start authorization").waitForText("Open the authorization page");
    String url = c.browser().waitFor("dialog[open] a.oauth-open").getAttribute("href");
    // The operator's browser tab: the fake server approves at once and redirects with the code.
    HttpResponse<String> approved = h.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    c.fill("code", approved.headers().firstValue("location").orElseThrow());
    c.screenshot("oauth-paste");
    c.button("Finish").waitForText("OAuth account");
    c.settled().waitForText("Token expires");
    assertThat(c.text()).contains("web-account", "generic", "Refreshes");
    c.screenshot("oauth-key");

    String id = c.browser().driver().getCurrentUrl().replaceAll(".*#/provider-keys/", "");
    assertThat(refreshCount(id)).isZero();
    c.button("Refresh token now").waitForText("Token refreshed");
    assertThat(auth.refreshes()).isEqualTo(1);
    assertThat(refreshCount(id)).isEqualTo(1);
    c.browser().assertClean();
  }

  private int refreshCount(String id) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/provider-keys/" + id, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("oauth").path("refresh_count").asInt();
  }
}
