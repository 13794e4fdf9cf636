package dev.keypool.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.Browser;
import dev.keypool.testkit.BrowserExtension;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every page of the console, in a real browser, on a gateway with traffic, tenants and keys: each draws its
 * data with no console error, no failed request and no request leaving 127.0.0.1, at desktop and phone
 * width, in the light and the dark theme (screenshots under target/screenshots/); a viewer sees every
 * page and no control that changes anything.
 */
class ConsolePagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "tour-passphrase-1";
  /** Labels of the buttons that change something; a viewer must see none of them. */
  static final List<String> WRITE_LABELS = List.of("Add", "Create", "New", "Edit", "Delete", "Disable", "Enable",
      "Regenerate", "Revoke", "Suspend", "Reactivate", "Reset", "Top up", "Deduct", "Put back", "Restore", "Save",
      "Send test");

  @RegisterExtension
  static final BrowserExtension browser = new BrowserExtension();
  static GatewayHarness h;
  static String requestId;
  static String gatewayKeyId;
  static String userId;
  static String providerKeyId;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, GatewayHarness.Storage.SQLITE);
    // The browser judges times by its own clock: the gateway's starts at the real now.
    h.clock.set(Instant.now());
    h.upstream.script("sk-b", Replies.rateLimited(WireFormat.OPENAI, Duration.ofSeconds(600)), Replies.openAiChat("ok", 12, 5));
    JsonNode org = json(h.adminCall("POST", "/api/orgs", "{\"name\":\"acme\"}"));
    JsonNode user = json(h.adminCall("POST", "/api/users",
        "{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"org_id\":\"" + org.path("id").asText() + "\",\"prepaid\":true}"));
    userId = user.path("id").asText();
    h.adminCall("POST", "/api/users/" + userId + "/balance", "{\"amount_usd\":\"25.00\",\"kind\":\"top_up\",\"note\":\"invoice 1\"}");
    JsonNode key = json(h.adminCall("POST", "/api/gateway-keys", "{\"name\":\"ann-laptop\",\"user_id\":\"" + userId + "\"}"));
    gatewayKeyId = key.path("id").asText();
    h.adminCall("POST", "/api/admin-users", "{\"username\":\"val\",\"password\":\"viewer-pass-1\",\"role\":\"viewer\"}");
    for (int i = 0; i < 6; i++) {
      var r = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"), "authorization", "Bearer " + key.path("key").asText());
      assertThat(r.statusCode()).isEqualTo(200);
      requestId = r.headers().firstValue("x-keypool-request-id").orElseThrow();
    }
    h.post("/v1/messages", GatewayHarness.message("claude-test"), "x-api-key", GatewayHarness.CLIENT_KEY);
    h.post("/v1/chat/completions", GatewayHarness.chat("no-such-model"));
    h.record(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")));
    h.gateway.keyPool().rescore(); // the key page then shows its scores per model too
    providerKeyId = json(h.adminCall("GET", "/api/provider-keys", null)).get(0).path("id").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void every_page_draws_its_data_cleanly_at_desktop_and_phone_width_in_both_themes() {
    Console c = new Console(browser.get(), h.admin("/")).login("admin", PASSWORD);
    for (String page : pagesAndDetails()) {
      c.go(page);
      assertThat(c.text()).as(page).doesNotContain("failed to load").doesNotContain("Refresh failed");
      c.screenshot(name(page) + "-1280");
      c.browser().assertClean();
    }
    c.browser().phone();
    for (String page : pagesAndDetails()) {
      c.go(page).screenshot(name(page) + "-390");
    }
    c.browser().assertClean();
    c.browser().desktop();
    c.browser().script("localStorage.setItem('keypool.theme', '\"dark\"'); location.reload()");
    for (String page : List.of("overview", "providers", "requests", "gateway-keys")) {
      c.go(page).screenshot(name(page) + "-dark");
    }
    assertThat(c.browser().script("return document.documentElement.dataset.theme")).isEqualTo("dark");
    c.browser().assertClean();
  }

  @Test
  void a_viewer_sees_every_page_and_nothing_that_changes_anything() {
    Console c = new Console(browser.get(), h.admin("/")).login("val", "viewer-pass-1");
    for (String page : pagesAndDetails()) {
      c.go(page);
      for (String label : WRITE_LABELS) {
        assertThat(c.hasButton(label)).as("a viewer sees a \"" + label + "\" button on " + page).isFalse();
      }
    }
    c.browser().assertClean();
  }

  @Test
  void an_expired_session_sends_the_operator_to_the_login_page_and_back_to_the_same_page() throws Exception {
    Console c = new Console(browser.get(), h.admin("/")).login("admin", PASSWORD);
    c.go("users/" + userId);
    // The session ends behind the page's back (another tab logged out, or it expired).
    c.browser().driver().manage().deleteAllCookies();
    c.browser().expectFailure(401, "/api/");
    c.browser().script("location.hash = '#/orgs'");
    c.browser().waitFor("form.login");
    c.browser().type("form.login input[name=password]", PASSWORD).click("form.login button[type=submit]");
    c.settled();
    assertThat((String) c.browser().script("return location.hash")).isEqualTo("#/orgs");
    assertThat(c.text()).contains("acme");
    c.browser().assertClean();
  }

  private static List<String> pagesAndDetails() {
    var all = new java.util.ArrayList<>(Console.PAGES);
    all.addAll(List.of("requests/" + requestId, "gateway-keys/" + gatewayKeyId, "users/" + userId,
        "provider-keys/" + providerKeyId));
    return all;
  }

  private static String name(String page) {
    return "page-" + page.replaceAll("/.*", "-detail");
  }

  private static JsonNode json(java.net.http.HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
