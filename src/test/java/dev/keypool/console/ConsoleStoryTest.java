package dev.keypool.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.admin.auth.AdminBootstrap;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.Browser;
import dev.keypool.testkit.BrowserExtension;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * An operator's first day, in a real browser and nothing else: log in with the generated password and
 * change it, add a provider and two keys, create a gateway key (shown once, copied), watch traffic from
 * a client arrive (one key answering 429), see it on the overview, the 429 key cooling down, the live
 * view and one request's two attempts; disable a key; add a viewer, who sees the same pages and can
 * change nothing; log out. The browser reports no console error, no failed request and no request
 * leaving 127.0.0.1 at any step.
 */
class ConsoleStoryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String NEW_PASSWORD = "first-day-passphrase-7";

  @RegisterExtension
  static final BrowserExtension browser = new BrowserExtension();
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void an_operators_first_day() throws Exception {
    String generated = startWithGeneratedPassword();
    Browser b = browser.get();
    Console c = new Console(b, h.admin("/"));

    // 1. Log in with the generated password, then change it.
    c.login("admin", generated).screenshot("story-01-overview-empty");
    c.go("account").fill("current-password", generated).fill("new-password", NEW_PASSWORD)
        .fill("repeat-password", NEW_PASSWORD).button("Change password").waitForText("Your password is changed");
    b.assertClean();

    // 2. A provider and two keys; the second key will answer 429.
    String upstream = h.upstream.baseUrl();
    c.go("providers").button("Add provider").fill("provider-id", "acme").choose("format", "openai")
        .fill("base-url", upstream).button("Add provider");
    c.browser().waitUntilGone("dialog[open]");
    c.waitForText("acme");
    addKey(c, "acme", "acme-1", "sk-acme-1");
    addKey(c, "acme", "acme-2", "sk-acme-2");
    h.upstream.script("sk-acme-2", Replies.rateLimited(WireFormat.OPENAI, Duration.ofMinutes(10)));
    c.screenshot("story-02-provider-and-keys");
    b.assertClean();

    // 3. A gateway key, shown once and copied from the dialog.
    c.go("gateway-keys").button("New key").fill("name", "first-day").button("Create");
    String key = b.text("dialog[open] .secret-once");
    assertThat(key).startsWith("ak_").hasSize(67);
    c.button("Copy").screenshot("story-03-key-shown-once").button("I have stored it");
    b.waitUntilGone("dialog[open]");
    assertThat(c.text()).doesNotContain(key);
    b.assertClean();

    // 4. Traffic from a client while the live view is open.
    c.go("live");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> r = h.post("/v1/chat/completions", GatewayHarness.chat("acme/gpt-4o-mini"),
          "authorization", "Bearer " + key);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      ids.add(r.headers().firstValue("x-keypool-request-id").orElseThrow());
    }
    b.waitUntil("the four requests in the live view", x -> x.all("main tbody tr").size() >= 4);
    c.screenshot("story-04-live");
    b.assertClean();

    // 5. The overview counts them; the 429 key cools down with a countdown.
    h.record(h.post("/v1/chat/completions", GatewayHarness.chat("acme/gpt-4o-mini"), "authorization", "Bearer " + key));
    c.go("overview").waitForText("5").screenshot("story-05-overview");
    assertThat(b.text(".tiles")).contains("Requests").contains("5");
    c.go("providers?provider=acme");
    b.waitFor(".countdown");
    assertThat(c.text()).contains("acme-2").contains("cooling down");
    c.screenshot("story-06-cooling-down");
    b.assertClean();

    // 6. The request that met the 429 shows both attempts.
    String twoAttempts = null;
    for (String id : ids) {
      if (json(h.adminCall("GET", "/api/requests/" + id, null)).path("attempts").size() == 2) {
        twoAttempts = id;
      }
    }
    assertThat(twoAttempts).as("one request was failed over from the 429 key").isNotNull();
    c.go("requests");
    b.waitFor("main tbody tr");
    c.go("requests/" + twoAttempts);
    b.waitForText("main", "acme-2").waitForText("main", "429").waitForText("main", "acme-1");
    c.screenshot("story-07-request-detail");
    b.assertClean();

    // 7. Disable a key.
    c.go("provider-keys/" + keyId("acme-1")).button("Disable").fill("reason", "rotating it").button("Disable");
    b.waitUntil("acme-1 disabled", x -> !enabled("acme-1"));
    b.assertClean();

    // 8. A viewer sees the pages and can change nothing.
    c.go("admins").button("Add user").fill("new-username", "val").choose("new-role", "viewer")
        .fill("new-password", "viewer-pass-1").fill("repeat-password", "viewer-pass-1").button("Create user")
        .waitForText("val");
    c.logout().login("val", "viewer-pass-1");
    for (String page : List.of("overview", "providers", "gateway-keys", "requests", "requests/" + twoAttempts, "live")) {
      c.go(page);
      for (String label : ConsolePagesTest.WRITE_LABELS) {
        assertThat(c.hasButton(label)).as("a viewer sees \"" + label + "\" on " + page).isFalse();
      }
    }
    assertThat(c.go("providers?provider=acme").text()).contains("acme-1").contains("acme-2");
    c.screenshot("story-08-viewer");

    // 9. Log out.
    c.logout();
    assertThat(json(h.adminCall("GET", "/api/provider-keys", null)).toString()).doesNotContain("sk-acme-1");
    b.assertClean();
  }

  private void addKey(Console c, String provider, String name, String secret) {
    c.go("providers?provider=" + provider).button("Add key");
    Browser b = c.browser();
    b.type("dialog[open] input[name=provider]", provider);
    c.fill("name", name).fill("secret", secret).button("Add key");
    b.waitUntilGone("dialog[open]");
    c.waitForText(name);
  }

  private String startWithGeneratedPassword() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);
    logger.addAppender(logged);
    try {
      h = GatewayHarness.standard();
    } finally {
      logger.detachAppender(logged);
    }
    // The browser judges times by its own clock: the gateway's starts at the real now.
    h.clock.set(Instant.now());
    Matcher m = Pattern.compile("generated password: (\\S+)").matcher(logged.list.get(0).getFormattedMessage());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private String keyId(String name) throws Exception {
    for (JsonNode k : json(h.adminCall("GET", "/api/provider-keys", null))) {
      if (k.path("name").asText().equals(name)) {
        return k.path("id").asText();
      }
    }
    throw new AssertionError("no provider key " + name);
  }

  private boolean enabled(String name) {
    try {
      return json(h.adminCall("GET", "/api/provider-keys/" + keyId(name), null)).path("enabled").asBoolean();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
