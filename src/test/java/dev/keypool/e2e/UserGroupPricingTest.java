package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same request costs each caller its own user group's price: cost x the group's sell multiplier,
 * exact to the nano-USD, on the record (with the multiplier applied) and on the prepaid balance.
 */
class UserGroupPricingTest {
  /** Each chat uses 40 + 10 tokens at $1000 per million: $0.05 of cost. */
  static final long COST = 50_000_000L;
  static final String GROUPS = QuotaLimitsTest.PRICED + """
      billing:
        sell_multiplier: 1.5
        groups: { vip: { name: VIP, sell_multiplier: 1.2 } }
      """;

  GatewayHarness h;
  TenantCalls t;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void two_users_in_two_groups_pay_the_same_request_at_their_groups_multipliers(Storage storage) throws Exception {
    h = GatewayHarness.start(GROUPS, storage);
    t = new TenantCalls(h);
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    t.admin(201, "POST", "/api/user-groups", "{\"id\":\"wholesale\",\"name\":\"Wholesale\",\"sell_multiplier\":\"0.9\"}");
    String vip = prepaidUser("vip");
    String wholesale = prepaidUser("wholesale");
    String vipKey = t.newKey("{\"name\":\"vip\",\"user_id\":\"" + vip + "\"}").path("key").asText();
    String wholesaleKey = t.newKey("{\"name\":\"wholesale\",\"user_id\":\"" + wholesale + "\"}").path("key").asText();

    JsonNode vipRecord = h.record(ok(t.chat(vipKey, "gpt-test")));
    JsonNode wholesaleRecord = h.record(ok(t.chat(wholesaleKey, "gpt-test")));
    // A key without a user is in no group: the global multiplier.
    JsonNode plainRecord = h.record(ok(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test"))));

    assertThat(vipRecord.path("cost_nanos").asLong()).isEqualTo(COST);
    assertThat(wholesaleRecord.path("cost_nanos").asLong()).isEqualTo(COST);
    assertThat(vipRecord.path("charged_nanos").asLong()).isEqualTo(60_000_000L);
    assertThat(wholesaleRecord.path("charged_nanos").asLong()).isEqualTo(45_000_000L);
    assertThat(plainRecord.path("charged_nanos").asLong()).isEqualTo(75_000_000L);
    assertThat(new BigDecimal(vipRecord.path("charged_nanos").asText())
        .divide(new BigDecimal(wholesaleRecord.path("charged_nanos").asText()), java.math.MathContext.DECIMAL64))
        .isEqualByComparingTo(new BigDecimal("1.2").divide(new BigDecimal("0.9"), java.math.MathContext.DECIMAL64));
    assertThat(vipRecord.path("sell_multiplier").decimalValue()).isEqualByComparingTo("1.2");
    assertThat(wholesaleRecord.path("sell_multiplier").decimalValue()).isEqualByComparingTo("0.9");
    assertThat(plainRecord.path("sell_multiplier").decimalValue()).isEqualByComparingTo("1.5");

    // Each prepaid balance is debited by exactly its record's charged price.
    awaitBalance(vip, "9.94");
    awaitBalance(wholesale, "9.955");

    // A changed multiplier prices the next request; moving a user changes its price too.
    t.admin(200, "PATCH", "/api/user-groups/wholesale", "{\"sell_multiplier\":0.75}");
    assertThat(h.record(ok(t.chat(wholesaleKey, "gpt-test"))).path("charged_nanos").asLong()).isEqualTo(37_500_000L);
    t.admin(200, "PATCH", "/api/users/" + vip, "{\"group\":null}");
    assertThat(h.record(ok(t.chat(vipKey, "gpt-test"))).path("charged_nanos").asLong()).isEqualTo(75_000_000L);
    awaitBalance(vip, "9.865");
    awaitBalance(wholesale, "9.9175");
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void the_default_group_prices_users_without_a_group_and_groups_survive_a_restart(Storage storage) throws Exception {
    h = GatewayHarness.start(GROUPS.replace("sell_multiplier: 1.5", "sell_multiplier: 1.5\n  default_group: vip"), storage);
    t = new TenantCalls(h);
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    t.admin(201, "POST", "/api/user-groups", "{\"id\":\"staff\",\"sell_multiplier\":0}");
    String staff = t.newUser("{\"name\":\"staff\",\"group\":\"staff\"}");
    String staffKey = t.newKey("{\"name\":\"staff\",\"user_id\":\"" + staff + "\"}").path("key").asText();
    assertThat(h.record(ok(h.post("/v1/chat/completions", GatewayHarness.chat("gpt-test")))).path("charged_nanos")
        .asLong()).isEqualTo(60_000_000L);

    h.restart();
    JsonNode afterRestart = h.record(ok(t.chat(staffKey, "gpt-test")));
    assertThat(afterRestart.path("charged_nanos").asLong()).isZero();
    assertThat(afterRestart.path("cost_nanos").asLong()).isEqualTo(COST);
    assertThat(afterRestart.path("sell_multiplier").decimalValue()).isEqualByComparingTo("0");
    JsonNode listed = t.admin(200, "GET", "/api/user-groups", null);
    assertThat(listed.path("data").findValuesAsText("id")).containsExactly("vip", "staff");
    assertThat(listed.path("data").get(0).path("is_default").asBoolean()).isTrue();
    assertThat(listed.path("data").get(1).path("users").asInt()).isEqualTo(1);
  }

  @org.junit.jupiter.api.Test
  void a_group_made_or_changed_on_one_instance_prices_requests_on_another() throws Exception {
    String schema = dev.keypool.testkit.TestPostgres.newSchema();
    try (GatewayHarness a = GatewayHarness.sharing(GROUPS, schema, "");
        GatewayHarness b = GatewayHarness.sharing(GROUPS, schema, "")) {
      t = new TenantCalls(a);
      b.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
      t.admin(201, "POST", "/api/user-groups", "{\"id\":\"gold\",\"sell_multiplier\":0.8}");
      String ann = t.newUser("{\"name\":\"ann\",\"group\":\"gold\"}");
      String key = t.newKey("{\"name\":\"ann\",\"user_id\":\"" + ann + "\"}").path("key").asText();
      TenantCalls onB = new TenantCalls(b);
      Poll.until("b knows the group and the key", Duration.ofSeconds(10), () -> multiplierOn(b, "gold").equals("0.8")
          && b.gateway.directory().user(ann) != null);
      assertThat(b.record(ok(onB.chat(key, "gpt-test"))).path("charged_nanos").asLong()).isEqualTo(40_000_000L);

      t.admin(200, "PATCH", "/api/user-groups/gold", "{\"sell_multiplier\":\"2\"}");
      Poll.until("b takes the new multiplier", Duration.ofSeconds(10), () -> multiplierOn(b, "gold").equals("2"));
      assertThat(b.record(ok(onB.chat(key, "gpt-test"))).path("charged_nanos").asLong()).isEqualTo(100_000_000L);
    } finally {
      dev.keypool.testkit.TestPostgres.drop(schema);
    }
  }

  private static String multiplierOn(GatewayHarness h, String group) {
    try {
      HttpResponse<String> r = h.adminCall("GET", "/api/user-groups/" + group, null);
      return r.statusCode() == 200 ? TenantCalls.JSON.readTree(r.body()).path("sell_multiplier").asText() : "";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String prepaidUser(String group) throws Exception {
    String id = t.newUser("{\"name\":\"" + group + "-user\",\"prepaid\":true,\"group\":\"" + group + "\"}");
    t.admin(200, "POST", "/api/users/" + id + "/balance", "{\"amount_usd\":\"10.00\",\"kind\":\"top_up\"}");
    return id;
  }

  private void awaitBalance(String user, String usd) {
    Poll.until("balance of " + user + " at " + usd, Duration.ofSeconds(10), () -> {
      try {
        return t.admin(200, "GET", "/api/users/" + user + "/balance", null).path("balance_usd").asText().equals(usd);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static HttpResponse<String> ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r;
  }
}
