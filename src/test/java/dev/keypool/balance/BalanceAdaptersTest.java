package dev.keypool.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.config.BalancesConfig;
import dev.keypool.testkit.ManualClock;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each balance adapter against an in-process fake serving the provider's documented answer. */
class BalanceAdaptersTest {
  static final String SECRET = "sk-balance-secret-0001";

  final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T08:00:00Z"));
  Vertx vertx;
  BalanceHttp http;
  FakeBalanceApi api;
  final BalanceAdapters adapters = new BalanceAdapters(clock);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    http = new BalanceHttp(vertx, Duration.ofSeconds(10));
    api = FakeBalanceApi.start();
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void openrouter_key_with_a_limit_has_its_remaining_and_usage_figures() throws Exception {
    api.answer("/api/v1/key", 200, """
        {"data": {"label": "sk-or-v1-au7...890", "limit": 100, "limit_remaining": 74.5, "limit_reset": "monthly",
          "usage": 25.5, "usage_daily": 1.25, "usage_weekly": 7.0, "usage_monthly": 25.5, "is_free_tier": false}}""");
    Fetched f = fetch("openrouter", api.url() + "/api/v1", null);
    assertThat(f.amounts()).containsExactly(new BalanceAmount("USD", new BigDecimal("74.5"), new BigDecimal("100"),
        new BigDecimal("25.5")));
    assertThat(f.details()).containsEntry("usage_daily", new BigDecimal("1.25")).containsEntry("usage_weekly", new BigDecimal("7.0"));
    FakeBalanceApi.Seen sent = api.seen().getFirst();
    assertThat(sent.headers()).containsEntry("authorization", "Bearer " + SECRET);
  }

  @Test
  void openrouter_key_without_a_limit_reads_the_account_credits_or_says_it_cannot() throws Exception {
    api.answer("/api/v1/key", 200, "{\"data\": {\"limit\": null, \"limit_remaining\": null, \"usage\": 3.2}}");
    api.answer("/api/v1/credits", 200, "{\"data\": {\"total_credits\": 100.5, \"total_usage\": 25.75}}");
    Fetched f = fetch("openrouter", api.url() + "/api/v1", null);
    assertThat(f.amounts()).containsExactly(new BalanceAmount("USD", new BigDecimal("74.75"), new BigDecimal("100.5"),
        new BigDecimal("25.75")));
    assertThat(f.note()).contains("account's credits");

    api.answer("/api/v1/credits", 403, "{\"error\": {\"code\": 403, \"message\": \"Only management keys can fetch credits\"}}");
    Fetched refused = fetch("openrouter", api.url() + "/api/v1", null);
    assertThat(refused.amounts()).isEmpty();
    assertThat(refused.details()).containsEntry("usage", new BigDecimal("3.2"));
    assertThat(refused.note()).contains("cannot read the account's credits", "403", "management keys");
  }

  @Test
  void deepseek_keeps_every_currency_from_string_amounts() throws Exception {
    api.answer("/user/balance", 200, """
        {"is_available": true, "balance_infos": [
          {"currency": "CNY", "total_balance": "110.00", "granted_balance": "10.00", "topped_up_balance": "100.00"},
          {"currency": "USD", "total_balance": "0.30", "granted_balance": "0.00", "topped_up_balance": "0.30"}]}""");
    Fetched f = fetch("deepseek", api.url() + "/v1", null);
    assertThat(f.amounts()).containsExactly(BalanceAmount.of("CNY", new BigDecimal("110.00")),
        BalanceAmount.of("USD", new BigDecimal("0.30")));
    assertThat(f.available()).isTrue();
    assertThat(f.details()).containsEntry("granted_balance_cny", new BigDecimal("10.00"))
        .containsEntry("topped_up_balance_usd", new BigDecimal("0.30"));
    assertThat(api.seen().getFirst().path()).isEqualTo("/user/balance");

    api.answer("/user/balance", 200, "{\"is_available\": false, \"balance_infos\": [{\"currency\": \"CNY\", \"total_balance\": \"0.00\"}]}");
    assertThat(fetch("deepseek", api.url() + "/v1", null).available()).isFalse();
  }

  @Test
  void moonshot_reads_available_balance_exactly_with_negative_cash_and_the_currency_of_its_host() throws Exception {
    api.answer("/v1/users/me/balance", 200, """
        {"code": 0, "data": {"available_balance": 46.58893, "voucher_balance": 46.58893, "cash_balance": -3.00001},
         "scode": "0x0", "status": true}""");
    Fetched f = fetch("moonshot", api.url() + "/v1", null);
    assertThat(f.amounts()).containsExactly(BalanceAmount.of("USD", new BigDecimal("46.58893")));
    assertThat(f.details()).containsEntry("cash_balance", new BigDecimal("-3.00001"));
    assertThat(f.available()).isTrue();

    assertThat(target("https://api.moonshot.cn/v1", null).currencyByHost()).isEqualTo("CNY");
    assertThat(target("https://api.moonshot.ai/v1", null).currencyByHost()).isEqualTo("USD");
    assertThat(target("https://api.siliconflow.cn/v1", null).currencyByHost()).isEqualTo("CNY");
    assertThat(target("https://api.moonshot.ai/v1", settings("moonshot", "CNY")).currencyByHost()).isEqualTo("CNY");
    assertThat(BalanceAdapters.byHost("https://api.moonshot.cn/v1")).isEqualTo("moonshot");
    assertThat(BalanceAdapters.byHost("https://openrouter.ai/api/v1")).isEqualTo("openrouter");
    assertThat(BalanceAdapters.byHost("https://api.deepseek.com")).isEqualTo("deepseek");
    assertThat(BalanceAdapters.byHost("https://api.siliconflow.com/v1")).isEqualTo("siliconflow");
    assertThat(BalanceAdapters.byHost("https://api.openai.com/v1")).isNull();
  }

  @Test
  void siliconflow_reads_total_balance_and_refuses_a_failed_code() throws Exception {
    api.answer("/v1/user/info", 200, """
        {"code": 20000, "message": "OK", "status": true, "data": {"id": "userid", "name": "username",
         "balance": "0.88", "status": "normal", "chargeBalance": "88.00", "totalBalance": "88.88"}}""");
    Fetched f = fetch("siliconflow", api.url() + "/v1", null);
    assertThat(f.amounts()).containsExactly(BalanceAmount.of("USD", new BigDecimal("88.88")));
    assertThat(f.details()).containsEntry("charge_balance", new BigDecimal("88.00"));

    api.answer("/v1/user/info", 200, "{\"code\": 30001, \"message\": \"account suspended\", \"status\": false, \"data\": null}");
    assertThat(failure("siliconflow", api.url() + "/v1", null)).contains("code 30001", "account suspended");
  }

  @Test
  void openai_billing_subtracts_usage_in_cents_from_the_hard_limit() throws Exception {
    api.answer("/v1/dashboard/billing/subscription", 200, """
        {"object": "billing_subscription", "has_payment_method": true, "soft_limit_usd": 100.0, "hard_limit_usd": 100.0,
         "system_hard_limit_usd": 100.0, "access_until": 1640995200}""");
    api.answer("/v1/dashboard/billing/usage", 200, "{\"object\": \"list\", \"total_usage\": 2500.0}");
    Fetched f = fetch("openai_billing", api.url() + "/v1", null);
    assertThat(f.amounts()).singleElement().satisfies(a -> {
      assertThat(a.currency()).isEqualTo("USD");
      assertThat(a.amount()).isEqualByComparingTo("75");
      assertThat(a.used()).isEqualByComparingTo("25");
    });
    assertThat(api.seen().get(1).query()).isEqualTo("start_date=2025-12-01&end_date=2026-03-11");
  }

  @Test
  void declarative_adapter_reads_a_custom_shape_with_the_key_in_its_request() throws Exception {
    api.answer("/account/credit", 200, """
        {"ok": true, "result": {"wallets": [{"cur": "eur", "left": "1234", "granted": 5000, "spent": 3766}]}}""");
    BalancesConfig.Custom custom = new BalancesConfig.Custom(api.url() + "/account/credit", "POST",
        Map.of("X-Api-Key", "{key}"), "{\"token\": \"{key}\"}", "result.wallets[0].left", "$.result.wallets[0].cur",
        "result.wallets[0].granted", "result.wallets[0].spent", new BigDecimal("100"));
    Fetched f = fetch("custom", api.url(), new BalancesConfig.Provider("custom", null, null, null, null, custom));
    assertThat(f.amounts()).containsExactly(new BalanceAmount("EUR", new BigDecimal("12.34"), new BigDecimal("50"),
        new BigDecimal("37.66")));
    FakeBalanceApi.Seen sent = api.seen().getFirst();
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.headers()).containsEntry("x-api-key", SECRET).doesNotContainKey("authorization");
    assertThat(sent.body()).isEqualTo("{\"token\": \"" + SECRET + "\"}");

    BalancesConfig.Custom relative = new BalancesConfig.Custom("/balance", "GET", Map.of(), null, "amount", null, null,
        null, BigDecimal.ONE);
    api.answer("/v2/balance", 200, "{\"amount\": 0.1}");
    Fetched g = fetch("custom", api.url() + "/v2", new BalancesConfig.Provider("custom", null, null, null, "CNY", relative));
    assertThat(g.amounts()).containsExactly(BalanceAmount.of("CNY", new BigDecimal("0.1")));
    assertThat(api.seen().get(1).headers()).containsEntry("authorization", "Bearer " + SECRET);

    api.answer("/v2/balance", 200, "{\"amount\": null}");
    assertThat(failure("custom", api.url() + "/v2", new BalancesConfig.Provider("custom", null, null, null, null, relative)))
        .contains("has no amount");
  }

  @Test
  void error_bodies_are_quoted_with_the_secret_masked() throws Exception {
    api.answer("/user/balance", 401, "{\"error\": {\"message\": \"Authentication Fails, Your api key: " + SECRET
        + " is invalid\", \"type\": \"authentication_error\"}}");
    String error = failure("deepseek", api.url(), null);
    assertThat(error).contains("answered 401", "Authentication Fails", "sk-...0001").doesNotContain(SECRET);

    api.answer("/user/balance", 502, "<html>bad gateway</html>");
    assertThat(failure("deepseek", api.url(), null)).contains("answered 502", "bad gateway");
    api.answer("/user/balance", 200, "<html>login</html>");
    assertThat(failure("deepseek", api.url(), null)).contains("not JSON");
    api.answer("/user/balance", 200, "{\"balance_infos\": [{\"currency\": \"CNY\", \"total_balance\": \"lots\"}]}");
    assertThat(failure("deepseek", api.url(), null)).contains("total_balance is not a number");
  }

  @Test
  void a_provider_that_does_not_answer_fails_within_the_timeout_and_a_dead_port_fails_at_once() throws Exception {
    api.silent();
    http = new BalanceHttp(vertx, Duration.ofMillis(400));
    long started = System.nanoTime();
    assertThat(failure("moonshot", api.url() + "/v1", null)).contains("no answer within 400 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(failure("moonshot", "http://127.0.0.1:1/v1", null)).contains("connection failed");
  }

  private Fetched fetch(String adapter, String baseUrl, BalancesConfig.Provider settings) throws Exception {
    return adapters.named(adapter).fetch(target(baseUrl, settings), http).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private String failure(String adapter, String baseUrl, BalancesConfig.Provider settings) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> fetch(adapter, baseUrl, settings)).isInstanceOfSatisfying(ExecutionException.class,
        e -> caught[0] = e.getCause());
    assertThat(caught[0]).isInstanceOf(BalanceException.class);
    return caught[0].getMessage();
  }

  private static BalanceTarget target(String baseUrl, BalancesConfig.Provider settings) {
    return new BalanceTarget("pk_1", "p", baseUrl, SECRET, settings);
  }

  private static BalancesConfig.Provider settings(String adapter, String currency) {
    return new BalancesConfig.Provider(adapter, null, null, null, currency, null);
  }

  static List<BalanceAmount> usd(String amount) {
    return List.of(BalanceAmount.of("USD", new BigDecimal(amount)));
  }
}
