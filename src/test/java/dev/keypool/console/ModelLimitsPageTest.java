package dev.keypool.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.BrowserExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model limits page in a real browser: the catalog with its layers, and a limit set and reset there. */
class ModelLimitsPageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "limits-passphrase-1";

  @RegisterExtension
  static final BrowserExtension browser = new BrowserExtension();
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, GatewayHarness.Storage.SQLITE);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void an_admin_sets_a_models_output_limit_and_resets_it() throws Exception {
    Console c = new Console(browser.get(), h.admin("/")).login("admin", PASSWORD).go("model-limits");
    assertThat(c.text()).contains("Model limits", "claude-sonnet-4-5", "64,000", "shipped");

    c.button("Add limits").fill("limit-model", "gpt-upstream").fill("limit-max_output_tokens", "1234");
    c.button("Save limits").waitForText("Limits of gpt-upstream saved");
    JsonNode saved = JSON.readTree(h.adminCall("GET", "/api/model-limits/gpt-upstream", null).body());
    assertThat(saved.path("max_output_tokens").asLong()).isEqualTo(1234);
    assertThat(saved.path("source").asText()).isEqualTo("runtime");

    c.browser().type("main input[type=search]", "gpt-upstream");
    c.waitForText("1 of");
    assertThat(c.text()).contains("1,234", "runtime");
    c.button("Reset");
    // The reset asks with the browser's own confirm dialog.
    new org.openqa.selenium.support.ui.WebDriverWait(c.browser().driver(), dev.keypool.testkit.Browser.WAIT)
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
    c.waitForText("has no limits any more");
    assertThat(h.adminCall("GET", "/api/model-limits/gpt-upstream", null).statusCode()).isEqualTo(404);
    c.screenshot("page-model-limits-edited");
    c.browser().assertClean();
  }
}
