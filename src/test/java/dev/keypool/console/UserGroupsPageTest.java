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

/** The users page in a real browser: user groups listed with the file's, one created, a user put in it. */
class UserGroupsPageTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "groups-passphrase-1";

  @RegisterExtension
  static final BrowserExtension browser = new BrowserExtension();
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    h = GatewayHarness.withEnv(GatewayHarness.STANDARD + "billing: { groups: { vip: { name: VIP, sell_multiplier: 1.2 } } }\n",
        GatewayHarness.Storage.SQLITE, ", password: " + PASSWORD, java.util.Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void an_admin_creates_a_group_and_puts_a_new_user_in_it() throws Exception {
    Console c = new Console(browser.get(), h.admin("/")).login("admin", PASSWORD).go("users");
    c.waitForText("User groups");
    assertThat(c.text()).contains("VIP", "×1.2", "file");

    c.button("New group").fill("group-id", "gold").fill("group-name", "Gold").fill("group-sell_multiplier", "1.35");
    c.button("Create group").waitForText("Group “Gold” saved");
    JsonNode gold = JSON.readTree(h.adminCall("GET", "/api/user-groups/gold", null).body());
    assertThat(gold.path("sell_multiplier").decimalValue()).isEqualByComparingTo("1.35");
    assertThat(gold.path("source").asText()).isEqualTo("api");

    c.button("New user").fill("name", "Ann").choose("group", "gold");
    c.button("Create user").waitForText("User “Ann” created").waitForText("×1.35");
    JsonNode users = JSON.readTree(h.adminCall("GET", "/api/users?group=gold", null).body());
    assertThat(users.path("data").findValuesAsText("name")).containsExactly("Ann");
    c.screenshot("page-user-in-group");

    c.go("users?group=gold");
    c.waitForText("Ann");
    assertThat(c.text()).contains("Gold", "run time");
    c.screenshot("page-users-groups");

    // A request's page says which multiplier priced it (the client key has no user: the global one).
    h.upstream.defaultReply(dev.keypool.testkit.Replies.openAiChat("ok", 4, 1));
    var answer = h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"));
    String requestId = h.record(answer).path("id").asText();
    c.go("requests/" + requestId);
    c.waitForText("(cost ×1");
    c.browser().assertClean();
  }
}
