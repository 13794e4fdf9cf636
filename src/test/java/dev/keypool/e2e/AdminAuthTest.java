package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.admin.auth.AdminBootstrap;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Operators log in on the admin port: sessions, roles, expiry, throttling, the last admin, the first admin. */
class AdminAuthTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "config-passphrase-1";
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void login_with_the_configured_password_opens_the_api_by_bearer_and_by_cookie() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, GatewayHarness.Storage.SQLITE);
    HttpResponse<String> r = login("admin", PASSWORD);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    String token = body.path("token").asText();
    assertThat(token).startsWith("kps_");
    assertThat(body.path("expires_at").asText()).isEqualTo(h.clock.instant().plus(Duration.ofHours(12)).toString());
    assertThat(body.path("user").path("role").asText()).isEqualTo("admin");
    assertThat(body.path("user").path("last_login_at").asText()).isEqualTo(h.clock.instant().toString());
    assertThat(r.body()).doesNotContain("argon2", PASSWORD);
    String cookie = r.headers().firstValue("set-cookie").orElseThrow();
    assertThat(cookie).startsWith("keypool_session=" + token).contains("SameSite=Strict", "Path=/").containsIgnoringCase("HttpOnly");

    assertThat(call("GET", "/api/provider-keys", null, token).statusCode()).isEqualTo(200);
    HttpRequest byCookie = HttpRequest.newBuilder(h.admin("/api/auth/me")).header("cookie", "keypool_session=" + token).GET().build();
    HttpResponse<String> me = h.http.send(byCookie, HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).path("user").path("username").asText()).isEqualTo("admin");
    assertThat(JSON.readTree(me.body()).path("via").asText()).isEqualTo("session");

    HttpResponse<String> wrong = login("admin", "wrong-password");
    HttpResponse<String> unknown = login("nobody", PASSWORD);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(wrong.body());
    assertThat(call("GET", "/api/provider-keys", null, "kps_" + "x".repeat(43)).statusCode()).isEqualTo(401);
  }

  @Test
  void a_viewer_reads_but_any_write_is_forbidden() throws Exception {
    h = GatewayHarness.standard();
    HttpResponse<String> created = h.adminCall("POST", "/api/admin-users",
        "{\"username\":\"Val\",\"password\":\"viewer-pass-1\",\"role\":\"viewer\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("viewer-pass-1", "argon2");
    assertThat(JSON.readTree(created.body()).path("username").asText()).isEqualTo("val");

    String token = token(login("val", "viewer-pass-1"));
    assertThat(call("GET", "/api/provider-keys", null, token).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/statistics/overview", null, token).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/gateway-keys", "{\"name\":\"x\"}", token).statusCode()).isEqualTo(403);
    assertThat(call("DELETE", "/api/prices/gpt-4o", null, token).statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/admin-users", null, token).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/auth/password",
        "{\"current_password\":\"viewer-pass-1\",\"new_password\":\"viewer-pass-2\"}", token).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/auth/logout", null, token).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/provider-keys", null, token).statusCode()).isEqualTo(401);
  }

  @Test
  void a_session_ends_when_its_time_is_up_and_at_logout() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD + ", session_ttl: 1h", GatewayHarness.Storage.SQLITE);
    String token = token(login("admin", PASSWORD));
    h.clock.advance(Duration.ofMinutes(59));
    assertThat(call("GET", "/api/auth/me", null, token).statusCode()).isEqualTo(200);
    h.clock.advance(Duration.ofMinutes(1));
    assertThat(call("GET", "/api/auth/me", null, token).statusCode()).isEqualTo(401);

    String second = token(login("admin", PASSWORD));
    HttpResponse<String> out = call("POST", "/api/auth/logout", null, second);
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(out.headers().firstValue("set-cookie").orElseThrow()).contains("keypool_session=", "Max-Age=0");
    assertThat(call("GET", "/api/auth/me", null, second).statusCode()).isEqualTo(401);
  }

  @Test
  void the_sixth_attempt_after_five_failures_gets_429_until_the_window_has_passed() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, GatewayHarness.Storage.SQLITE);
    for (int i = 0; i < 5; i++) {
      assertThat(login("admin", "guess-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> refused = login("admin", PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).contains("900");
    assertThat(JSON.readTree(refused.body()).path("error").path("type").asText()).isEqualTo("too_many_attempts");

    h.clock.advance(Duration.ofMinutes(14));
    assertThat(login("admin", PASSWORD).headers().firstValue("retry-after")).contains("60");
    h.clock.advance(Duration.ofMinutes(1));
    assertThat(login("admin", PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void the_last_active_admin_can_be_neither_deleted_nor_demoted() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, GatewayHarness.Storage.SQLITE);
    JsonNode users = JSON.readTree(h.adminCall("GET", "/api/admin-users", null).body());
    assertThat(users).hasSize(1);
    String adminId = users.get(0).path("id").asText();

    assertThat(h.adminCall("DELETE", "/api/admin-users/" + adminId, null).statusCode()).isEqualTo(409);
    HttpResponse<String> demote = h.adminCall("PATCH", "/api/admin-users/" + adminId, "{\"role\":\"viewer\"}");
    assertThat(demote.statusCode()).isEqualTo(409);
    assertThat(demote.body()).contains("last active admin");
    assertThat(h.adminCall("PATCH", "/api/admin-users/" + adminId, "{\"status\":\"disabled\"}").statusCode()).isEqualTo(409);

    assertThat(h.adminCall("POST", "/api/admin-users",
        "{\"username\":\"second\",\"password\":\"second-pass-1\",\"role\":\"admin\"}").statusCode()).isEqualTo(201);
    assertThat(h.adminCall("DELETE", "/api/admin-users/" + adminId, null).statusCode()).isEqualTo(200);
    assertThat(login("admin", PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void without_a_configured_password_the_first_start_logs_a_generated_one_once() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger logger = (Logger) LoggerFactory.getLogger(AdminBootstrap.class);
    logger.addAppender(logged);
    try {
      h = GatewayHarness.standard();
      List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines).hasSize(1);
      Matcher m = Pattern.compile("generated password: (\\S+)").matcher(lines.get(0));
      assertThat(m.find()).as(lines.get(0)).isTrue();
      String generated = m.group(1);
      assertThat(generated).hasSize(20);
      assertThat(login("admin", generated).statusCode()).isEqualTo(200);

      h.restart();
      assertThat(logged.list).hasSize(1);
      assertThat(login("admin", generated).statusCode()).isEqualTo(200);
    } finally {
      logger.detachAppender(logged);
    }
  }

  @Test
  void changing_the_password_ends_the_other_sessions() throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, GatewayHarness.Storage.SQLITE);
    h.adminCall("POST", "/api/admin-users", "{\"username\":\"ops\",\"password\":\"ops-pass-1\",\"role\":\"admin\"}");
    String mine = token(login("ops", "ops-pass-1"));
    String other = token(login("ops", "ops-pass-1"));
    assertThat(call("POST", "/api/auth/password", "{\"current_password\":\"nope-nope\",\"new_password\":\"ops-pass-2\"}", mine)
        .statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api/auth/password", "{\"current_password\":\"ops-pass-1\",\"new_password\":\"short\"}", mine)
        .statusCode()).isEqualTo(400);
    assertThat(call("POST", "/api/auth/password", "{\"current_password\":\"ops-pass-1\",\"new_password\":\"ops-pass-2\"}", mine)
        .statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/auth/me", null, mine).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/auth/me", null, other).statusCode()).isEqualTo(401);
    assertThat(login("ops", "ops-pass-1").statusCode()).isEqualTo(401);
    assertThat(login("ops", "ops-pass-2").statusCode()).isEqualTo(200);
    assertThat(h.adminCall("POST", "/api/auth/password", "{}").statusCode()).as("static token has no password").isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(GatewayHarness.Storage.class)
  void sessions_survive_a_restart(GatewayHarness.Storage storage) throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD, storage);
    String token = token(login("admin", PASSWORD));
    h.restart();
    assertThat(call("GET", "/api/provider-keys", null, token).statusCode()).isEqualTo(200);
    assertThat(login("admin", PASSWORD).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> login(String username, String password) throws Exception {
    return call("POST", "/api/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
  }

  private static String token(HttpResponse<String> login) throws Exception {
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return JSON.readTree(login.body()).path("token").asText();
  }

  private HttpResponse<String> call(String method, String path, String json, String token) throws Exception {
    return h.adminCallAs(token, method, path, json);
  }
}
