package dev.keypool.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.alert.Condition;
import dev.keypool.alert.RuleKind;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.keypool.KeyState;
import dev.keypool.testkit.FakeAuthServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OAuth accounts end to end against the in-process {@link FakeAuthServer}: the PKCE flow from the admin
 * API to a relayed request carrying the access token, refresh ahead of expiry with a rotated refresh
 * token, expiry while the endpoint fails, a revoked refresh token, import of a refresh token, bad input.
 */
public class OAuthAccountTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The standard providers plus {@code subs}, a provider without keys for OAuth accounts, and its route. */
  public static final String YAML = GatewayHarness.STANDARD.replace("models:\n", """
        - id: subs
          format: openai
          base_url: UPSTREAM
          timeouts: { connect: 2s, first_byte: 2s, idle: 2s, total: 10s }
          keys: []
      models:
        - { id: subs-test, candidates: [ { provider: subs, model: gpt-upstream } ] }
      """);

  FakeAuthServer auth;
  GatewayHarness h;

  @BeforeEach
  void start() throws Exception {
    auth = FakeAuthServer.start();
    h = GatewayHarness.start(YAML);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    auth.close();
  }

  static String client(FakeAuthServer auth, String name) {
    return """
        "provider": "subs", "name": "%s", "preset": "generic", "authorize_url": "%s", "token_url": "%s",
        "client_id": "%s", "scopes": "offline_access", "redirect_uri": "http://127.0.0.1:9/callback"
        """.formatted(name, auth.authorizeUrl(), auth.tokenUrl(), FakeAuthServer.CLIENT_ID);
  }

  /** Starts a flow, lets the fake server approve it, pastes the redirect URL; returns the created key's view. */
  static JsonNode addThroughPkce(GatewayHarness h, FakeAuthServer auth, String name) throws Exception {
    HttpResponse<String> started = h.adminCall("POST", "/api/provider-keys/oauth/start", "{" + client(auth, name) + "}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    JsonNode s = JSON.readTree(started.body());
    var q = FakeAuthServer.query(s.path("authorization_url").asText());
    assertThat(q).containsEntry("code_challenge_method", "S256").containsEntry("state", s.path("state").asText())
        .containsEntry("client_id", FakeAuthServer.CLIENT_ID).containsEntry("scope", "offline_access");
    assertThat(q.get("code_challenge")).hasSize(43);
    HttpResponse<String> approved = h.http.send(HttpRequest.newBuilder(URI.create(s.path("authorization_url").asText()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).isEqualTo(302);
    String redirected = approved.headers().firstValue("location").orElseThrow();
    HttpResponse<String> finished = h.adminCall("POST", "/api/provider-keys/oauth/finish",
        JSON.createObjectNode().put("code", redirected).toString());
    assertThat(finished.statusCode()).as(finished.body()).isEqualTo(201);
    return JSON.readTree(finished.body());
  }

  HttpResponse<String> chat() throws Exception {
    return h.post("/v1/chat/completions", GatewayHarness.chat("subs-test"));
  }

  String lastUpstreamKey() {
    return h.upstream.requests().getLast().key();
  }

  JsonNode key(String id) throws Exception {
    return JSON.readTree(h.adminCall("GET", "/api/provider-keys/" + id, null).body());
  }

  boolean alertRaised(String id) {
    return h.gateway.alerts().pushed().conditions(Instant.now()).stream().map(Condition::subject)
        .anyMatch(("key:" + id)::equals)
        && h.gateway.alerts().pushed().conditions(Instant.now()).stream()
            .anyMatch(c -> c.rule() == RuleKind.OAUTH_REFRESH_FAILED);
  }

  @Test
  void an_account_added_through_pkce_serves_requests_and_its_token_is_refreshed_ahead_of_expiry() throws Exception {
    JsonNode key = addThroughPkce(h, auth, "alice");
    String id = key.path("id").asText();
    assertThat(key.path("oauth").path("expires_at").asText())
        .isEqualTo(h.clock.instant().plusSeconds(3600).toString());
    assertThat(key.path("oauth").path("preset").asText()).isEqualTo("generic");
    assertThat(key.toString()).doesNotContain("rt-");

    assertThat(chat().statusCode()).isEqualTo(200);
    String first = lastUpstreamKey();
    assertThat(auth.issued(first)).as("the upstream got the granted access token as Bearer").isTrue();
    assertThat(key(id).toString()).as("tokens never go out").doesNotContain(first);
    String storedRefresh = refreshTokenColumn(id);

    h.clock.advance(Duration.ofMinutes(50));
    assertThat(h.gateway.oauth().runDue()).as("not due yet").isZero();
    h.clock.advance(Duration.ofMinutes(6));
    assertThat(h.gateway.oauth().runDue()).isEqualTo(1);
    assertThat(auth.refreshes()).isEqualTo(1);
    assertThat(chat().statusCode()).isEqualTo(200);
    assertThat(lastUpstreamKey()).isNotEqualTo(first).satisfies(t -> assertThat(auth.issued(t)).isTrue());
    assertThat(refreshTokenColumn(id)).as("the rotated refresh token is stored, encrypted")
        .isNotEqualTo(storedRefresh).startsWith("v1:").doesNotContain("rt-");
    JsonNode after = key(id);
    assertThat(after.path("oauth").path("last_refresh_at").asText()).isEqualTo(h.clock.instant().toString());
    assertThat(after.path("oauth").path("refresh_count").asInt()).isEqualTo(1);

    // The rotated token is the one in use: the next refresh succeeds (the spent one would be refused).
    h.clock.advance(Duration.ofMinutes(56));
    assertThat(h.gateway.oauth().runDue()).isEqualTo(1);
    assertThat(auth.refreshes()).isEqualTo(2);
  }

  @Test
  void a_token_that_expires_while_the_endpoint_fails_takes_the_key_out_until_a_refresh_succeeds() throws Exception {
    String id = addThroughPkce(h, auth, "bob").path("id").asText();
    auth.failWith(503);
    h.clock.advance(Duration.ofMinutes(56));
    assertThat(h.gateway.oauth().runDue()).isZero();
    assertThat(key(id).path("oauth").path("failure").asText()).isEqualTo("transient");
    assertThat(alertRaised(id)).as("a failed refresh raises the alert").isTrue();
    assertThat(h.gateway.keyPool().snapshot(id).state()).as("the token still works").isEqualTo(KeyState.HEALTHY);
    assertThat(chat().statusCode()).isEqualTo(200);

    h.clock.advance(Duration.ofMinutes(5));
    assertThat(h.gateway.keyPool().snapshot(id).state()).isEqualTo(KeyState.CREDENTIAL_EXPIRED);
    int before = h.upstream.requests().size();
    HttpResponse<String> refused = chat();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(h.upstream.requests()).as("an expired token is never sent").hasSize(before);

    auth.failWith(0);
    assertThat(h.gateway.oauth().runDue()).isEqualTo(1);
    assertThat(h.gateway.keyPool().snapshot(id).state()).isEqualTo(KeyState.HEALTHY);
    assertThat(alertRaised(id)).as("the refresh cleared the alert").isFalse();
    assertThat(chat().statusCode()).isEqualTo(200);
  }

  @Test
  void a_revoked_refresh_token_marks_the_key_and_is_not_retried_by_itself() throws Exception {
    String id = addThroughPkce(h, auth, "carol").path("id").asText();
    auth.revokeAll();
    h.clock.advance(Duration.ofMinutes(56));
    assertThat(h.gateway.oauth().runDue()).isZero();
    JsonNode k = key(id);
    assertThat(k.path("oauth").path("failure").asText()).isEqualTo("rejected");
    assertThat(k.path("oauth").path("last_error").asText()).contains("invalid_grant").doesNotContain("rt-");
    assertThat(k.path("live").path("state").asText()).isEqualTo("credential_expired");
    assertThat(alertRaised(id)).isTrue();
    int asked = auth.refreshRequests();
    h.clock.advance(Duration.ofMinutes(2));
    h.gateway.oauth().runDue();
    assertThat(auth.refreshRequests()).as("no retry of a refused refresh token").isEqualTo(asked);
    assertThat(chat().statusCode()).isEqualTo(503);
    HttpResponse<String> check = h.adminCall("POST", "/api/provider-keys/" + id + "/check", null);
    assertThat(check.statusCode()).as("no health check of a dead token, which could only ban the key").isEqualTo(409);
    assertThat(check.body()).contains("no live OAuth token");

    HttpResponse<String> manual = h.adminCall("POST", "/api/provider-keys/" + id + "/oauth/refresh", null);
    assertThat(manual.statusCode()).isEqualTo(200);
    assertThat(auth.refreshRequests()).as("an operator's refresh does try").isEqualTo(asked + 1);
    assertThat(JSON.readTree(manual.body()).path("oauth").path("failure").asText()).isEqualTo("rejected");
  }

  @Test
  void an_imported_refresh_token_becomes_a_key_at_once_and_a_bad_one_is_refused() throws Exception {
    HttpResponse<String> imported = h.adminCall("POST", "/api/provider-keys/oauth/import",
        "{" + client(auth, "dave") + ", \"refresh_token\": \"" + auth.issueRefreshToken() + "\"}");
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    assertThat(auth.refreshes()).isEqualTo(1);
    assertThat(chat().statusCode()).isEqualTo(200);
    assertThat(auth.issued(lastUpstreamKey())).isTrue();
    String id = JSON.readTree(imported.body()).path("id").asText();
    assertThat(refreshTokenColumn(id)).startsWith("v1:");
    assertThat(h.adminCall("DELETE", "/api/provider-keys/" + id, null).statusCode()).isEqualTo(200);
    try (var c = h.database(); var ps = c.prepareStatement("SELECT COUNT(*) FROM provider_key_oauth WHERE key_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("the credential goes with its key").isZero();
      }
    }

    HttpResponse<String> bad = h.adminCall("POST", "/api/provider-keys/oauth/import",
        "{" + client(auth, "eve") + ", \"refresh_token\": \"rt-never-issued\"}");
    assertThat(bad.statusCode()).isEqualTo(502);
    assertThat(bad.body()).contains("oauth_token_error").contains("invalid_grant").doesNotContain("rt-never-issued");
  }

  @Test
  void bad_input_gets_clear_errors() throws Exception {
    String anthropic = h.adminCall("POST", "/api/provider-keys/oauth/start",
        "{" + client(auth, "x").replace("\"subs\"", "\"anthropic\"") + "}").body();
    assertThat(anthropic).contains("invalid_request").contains("auth: bearer");
    assertThat(h.adminCall("POST", "/api/provider-keys/oauth/start",
        "{\"provider\": \"subs\", \"name\": \"x\", \"preset\": \"nope\"}").body()).contains("Unknown OAuth preset");
    assertThat(h.adminCall("POST", "/api/provider-keys/oauth/start",
        "{\"provider\": \"subs\", \"name\": \"x\", \"preset\": \"generic\"}").body()).contains("is required");
    HttpResponse<String> unknown = h.adminCall("POST", "/api/provider-keys/oauth/finish",
        "{\"state\": \"nope\", \"code\": \"abc\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("start a new one");
    JsonNode presets = JSON.readTree(h.adminCall("GET", "/api/oauth/presets", null).body());
    assertThat(presets.findValuesAsText("id")).contains("openai_codex", "gemini_cli", "generic");
    assertThat(presets.toString()).doesNotContain("GOCSPX");
  }

  @Test
  void a_flow_is_finished_once() throws Exception {
    HttpResponse<String> started = h.adminCall("POST", "/api/provider-keys/oauth/start", "{" + client(auth, "f") + "}");
    String url = JSON.readTree(started.body()).path("authorization_url").asText();
    String redirected = h.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .headers().firstValue("location").orElseThrow();
    String body = JSON.createObjectNode().put("code", redirected).toString();
    assertThat(h.adminCall("POST", "/api/provider-keys/oauth/finish", body).statusCode()).isEqualTo(201);
    assertThat(h.adminCall("POST", "/api/provider-keys/oauth/finish", body).statusCode()).isEqualTo(400);
  }

  private String refreshTokenColumn(String id) throws Exception {
    try (var c = h.database(); var ps = c.prepareStatement("SELECT refresh_token_enc FROM provider_key_oauth WHERE key_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }
}
