package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.TestPostgres;
import dev.keypool.testkit.TestRedis;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 done: tenants set up through the admin API (as a logged-in admin) are held to their keys',
 * users' and orgs' limits and prepaid balances by two instances sharing one PostgreSQL schema and
 * Redis. Clocks stand still in the future (Redis window keys expire at their window's end).
 */
class TenancyQuotasAcceptanceTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2030-05-14T10:00:10Z");
  static final String PASSWORD = "acceptance-pass-1";
  static final int ORG_CAP = 30;
  static final int KEY_PER_MINUTE = 5;
  /** $1000 per million tokens: one token is 1,000,000 nanos; a reply of 5 + 1 tokens costs $0.006. */
  static final long COST = 6_000_000L;
  static final long BALANCE = 50_000_000L; // $0.05
  static final String CAPPED = "{\"model\":\"gpt-test\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  /** The balance estimate of {@link #CAPPED}: its bytes / 4 input tokens plus 1 output token, at $0.001 each. */
  static final long ESTIMATE = ((CAPPED.length() + 3) / 4 + 1) * 1_000_000L;

  String schema;
  String prefix;
  GatewayHarness a;
  GatewayHarness b;
  String session;

  @BeforeEach
  void start() throws Exception {
    schema = TestPostgres.newSchema();
    prefix = TestRedis.newPrefix();
    a = instance();
  }

  @AfterEach
  void stop() throws Exception {
    for (GatewayHarness h : new GatewayHarness[] {b, a}) {
      if (h != null) {
        h.close();
      }
    }
    TestRedis.deleteKeys(prefix);
    TestPostgres.drop(schema);
  }

  GatewayHarness instance() throws Exception {
    GatewayHarness h = GatewayHarness.sharing(QuotaLimitsTest.PRICED + """
        quotas:
          redis: { url: "%s", prefix: "%s", timeout: 2s }
        """.formatted(TestRedis.URL, prefix), schema, ", password: " + PASSWORD);
    h.clock.set(T0);
    h.upstream.defaultReply(Replies.openAiChat("ok", 5, 1));
    return h;
  }

  @Test
  void key_and_org_limits_and_a_prepaid_balance_hold_across_two_instances() throws Exception {
    session = JSON.readTree(call(a, "POST", "/api/auth/login",
        "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}", null).body()).path("token").asText();
    String org = admin(201, "POST", "/api/orgs",
        "{\"name\":\"acme\",\"limits\":{\"requests_per_month\":" + ORG_CAP + "}}").path("id").asText();
    String bob = admin(201, "POST", "/api/users", "{\"name\":\"Bob\",\"org_id\":\"" + org + "\"}").path("id").asText();
    String ann = admin(201, "POST", "/api/users",
        "{\"name\":\"Ann\",\"prepaid\":true,\"org_id\":\"" + org + "\"}").path("id").asText();
    admin(200, "POST", "/api/users/" + ann + "/balance", "{\"amount_usd\":\"0.05\",\"kind\":\"top_up\"}");
    String limited = key("{\"name\":\"limited\",\"user_id\":\"" + bob + "\",\"allowed_models\":[\"gpt-*\"],"
        + "\"allowed_ips\":[\"127.0.0.1/32\"],\"limits\":{\"requests_per_minute\":" + KEY_PER_MINUTE + "}}");
    String open = key("{\"name\":\"open\",\"user_id\":\"" + bob + "\"}");
    String elsewhere = key("{\"name\":\"elsewhere\",\"user_id\":\"" + bob + "\",\"allowed_ips\":[\"10.0.0.0/8\"]}");
    String prepaid = key("{\"name\":\"prepaid\",\"user_id\":\"" + ann + "\"}");
    // The second instance starts on the same database, so it knows the keys made through the first.
    b = instance();

    // The key's 5 per minute, counted in Redis for both instances together.
    assertThat(burst(limited, 20)).isEqualTo(KEY_PER_MINUTE);

    // Scope refusals never reach the upstream nor count against the org.
    HttpResponse<String> model = chat(a, limited, GatewayHarness.chat("claude-test"));
    assertThat(model.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(model)).contains("may not use model 'claude-test'");
    HttpResponse<String> ip = chat(b, elsewhere, CAPPED);
    assertThat(ip.statusCode()).isEqualTo(403);
    assertThat(TenantCalls.message(ip)).contains("IP address");

    // A prepaid balance on one instance: concurrent requests are held against it, each charged its cost.
    int charged = 0;
    for (var c : fire(a, prepaid, 12)) {
      charged += c.get(30, TimeUnit.SECONDS).statusCode() == 200 ? 1 : 0;
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<String> last;
    // A request is settled just after its answer is sent: each next one waits for the charge before it,
    // so that it is judged against the balance left rather than against a hold still in place.
    awaitLedger(ann, charged);
    while ((last = chat(a, prepaid, CAPPED)).statusCode() == 200) {
      charged++;
      assertThat(System.nanoTime()).as("balance exhausted in time").isLessThan(deadline);
      awaitLedger(ann, charged);
    }
    assertThat(last.statusCode()).isEqualTo(402);
    assertThat(charged).isEqualTo((int) ((BALANCE - ESTIMATE) / COST) + 1);
    awaitLedger(ann, charged);
    assertThat(lowestBalance(ann)).isGreaterThanOrEqualTo(-ESTIMATE);
    assertThat(sumLedgerCharges(ann)).isEqualTo(charged * COST).isEqualTo(sumRecordsCharged(prepaid, charged));
    long balance = BALANCE - charged * COST;
    assertThat(admin(200, "GET", "/api/users/" + ann + "/balance", null).path("balance_usd").asText())
        .isEqualTo(dev.keypool.tenancy.Usd.format(balance));
    // The other instance learns the balance from the database and refuses too.
    Poll.until("second instance refreshed", Duration.ofSeconds(10),
        () -> b.gateway.directory().user(ann).balanceNanos() == balance);
    assertThat(chat(b, prepaid, CAPPED).statusCode()).isEqualTo(402);

    // The org's monthly cap: what is left of it, across both instances, and not one request more.
    int used = KEY_PER_MINUTE + charged;
    assertThat(burst(open, 40)).isEqualTo(ORG_CAP - used);
    HttpResponse<String> capped = chat(b, open, CAPPED);
    assertThat(capped.statusCode()).isEqualTo(429);
    assertThat(TenantCalls.message(capped)).contains("org " + org).contains(ORG_CAP + " requests per month");
    assertThat(a.upstream.requests().size() + b.upstream.requests().size()).isEqualTo(ORG_CAP);

    // Statistics per org and per user count the admitted requests of their keys.
    String range = "?from=2030-05-14T00:00:00Z&to=2030-05-15T00:00:00Z";
    Poll.until("records rolled up", Duration.ofSeconds(15),
        () -> stat("/api/statistics/orgs" + range, org).path("successes").asLong() == ORG_CAP);
    assertThat(stat("/api/statistics/users" + range, ann).path("successes").asLong()).isEqualTo(charged);
    assertThat(stat("/api/statistics/users" + range, ann).path("charged_nanos").asLong()).isEqualTo(charged * COST);
    assertThat(admin(200, "GET", "/api/users/" + bob + "/usage" + range, null).path("successes").asLong())
        .isEqualTo(ORG_CAP - charged);
  }

  /** {@code n} concurrent chats with {@code key}, half through each instance; how many were admitted (others 429). */
  int burst(String key, int n) throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>(fire(a, key, n / 2));
    calls.addAll(fire(b, key, n - n / 2));
    int ok = 0;
    for (var c : calls) {
      int status = c.get(30, TimeUnit.SECONDS).statusCode();
      assertThat(status).isIn(200, 429);
      ok += status == 200 ? 1 : 0;
    }
    return ok;
  }

  List<CompletableFuture<HttpResponse<String>>> fire(GatewayHarness h, String key, int n) {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(h.http.sendAsync(HttpRequest.newBuilder(h.proxy("/v1/chat/completions")).timeout(Duration.ofSeconds(20))
          .header("authorization", "Bearer " + key).header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(CAPPED)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    return calls;
  }

  HttpResponse<String> chat(GatewayHarness h, String key, String body) throws Exception {
    return h.postRaw("/v1/chat/completions", body, "authorization", "Bearer " + key, "content-type", "application/json");
  }

  String key(String json) throws Exception {
    return admin(201, "POST", "/api/gateway-keys", json).path("key").asText();
  }

  JsonNode admin(int status, String method, String path, String json) throws Exception {
    HttpResponse<String> r = call(a, method, path, json, session);
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> call(GatewayHarness h, String method, String path, String json, String bearer)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(h.admin(path)).timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      r.header("authorization", "Bearer " + bearer);
    }
    return h.http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode stat(String path, String id) {
    try {
      for (JsonNode row : admin(200, "GET", path, null)) {
        if (id.equals(row.path("id").asText())) {
          return row.path("stats");
        }
      }
      return JSON.createObjectNode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void awaitLedger(String user, int charges) {
    Poll.until(charges + " charges in the ledger", Duration.ofSeconds(10),
        () -> query("SELECT COUNT(*) FROM balance_ledger WHERE user_id = ? AND kind = 'charge' AND request_id IS NOT NULL",
            user) == charges);
  }

  long lowestBalance(String user) {
    return query("SELECT MIN(balance_after_nanos) FROM balance_ledger WHERE user_id = ?", user);
  }

  long sumLedgerCharges(String user) {
    return -query("SELECT SUM(delta_nanos) FROM balance_ledger WHERE user_id = ? AND kind = 'charge'", user);
  }

  /** The charged cost of the key's records, once all {@code records} admitted ones are written. */
  long sumRecordsCharged(String key, int records) {
    String id = a.keyId(key);
    Poll.until("records written", Duration.ofSeconds(10), () -> query(
        "SELECT COUNT(*) FROM request_records WHERE gateway_key_id = ? AND status = 200", id) == records);
    return query("SELECT SUM(charged_nanos) FROM request_records WHERE gateway_key_id = ?", id);
  }

  long query(String sql, String arg) {
    try (Connection c = a.database(); var ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
