package dev.keypool.console;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.BrowserExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The settings page's "Reload configuration" in a real browser: what changed, and an invalid file's problems. */
class SettingsReloadPageTest {
  static final String PASSWORD = "reload-passphrase-1";

  @RegisterExtension
  static final BrowserExtension browser = new BrowserExtension();
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.fromFile(GatewayHarness.STANDARD, ", password: " + PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void an_admin_reloads_the_file_and_sees_what_changed_or_why_it_was_refused() throws Exception {
    Console c = new Console(browser.get(), h.admin("/")).login("admin", PASSWORD).go("settings");
    h.writeConfig(GatewayHarness.STANDARD.replace("models:\n", """
        models:
          - { id: gpt-new, candidates: [ { provider: openai } ] }
        """) + "tracking: { retention: 9d }\nlimits: { drain_timeout: 9s }\n");

    c.button("Reload configuration").waitForText("Configuration reloaded");
    assertThat(c.text()).contains("Model routes: added gpt-new", "Settings applied: tracking",
        "applied only after a restart: limits");
    assertThat(h.post("/v1/chat/completions", chat("gpt-new")).statusCode()).isEqualTo(200);
    c.screenshot("page-settings-reloaded");

    h.writeConfig("providers: [ { id: broken } ]\n");
    c.browser().expectFailure(400, "/api/config/reload");
    c.button("Reload configuration").waitForText("Configuration not reloaded");
    assertThat(c.text()).contains("The configuration file is invalid", "providers[0].format");
    c.screenshot("page-settings-reload-refused");
    c.browser().assertClean();
  }
}
