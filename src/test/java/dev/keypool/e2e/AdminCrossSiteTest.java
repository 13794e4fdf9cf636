package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another web site cannot act with an operator's session cookie: state-changing calls carried by the
 * cookie must come from the admin port's own origin (or a trusted one) and send JSON; the login checks
 * the origin too. The console on the same origin, and bearer-token callers, work as before.
 */
class AdminCrossSiteTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "config-passphrase-1";
  static final String EVIL = "https://evil.example";
  static final String KEY = "{\"name\":\"planted\"}";
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private void start(String adminFields) throws Exception {
    h = GatewayHarness.withAdmin(", password: " + PASSWORD + adminFields, GatewayHarness.Storage.SQLITE);
  }

  @Test
  void a_cross_site_text_plain_post_with_the_cookie_is_refused_and_creates_nothing() throws Exception {
    start("");
    String cookie = sessionCookie();

    HttpResponse<String> r = send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "text/plain", "origin", EVIL);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("error").path("type").asText()).isEqualTo("cross_site_request");
    assertThat(gatewayKeyNames()).doesNotContain("planted");
  }

  @Test
  void a_cross_site_call_is_refused_whatever_it_sends_and_however_the_browser_names_its_origin() throws Exception {
    start("");
    String cookie = sessionCookie();
    String own = ownOrigin();

    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json", "origin", EVIL)
        .statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json", "origin", "null")
        .statusCode()).isEqualTo(403);
    // The same host on another port, or over the other scheme, is another origin.
    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json",
        "origin", "http://127.0.0.1:1").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json",
        "origin", own.replace("http:", "https:")).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json",
        "sec-fetch-site", "cross-site").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json",
        "referer", EVIL + "/page").statusCode()).isEqualTo(403);
    String id = JSON.readTree(h.adminCall("GET", "/api/provider-keys", null).body()).get(0).path("id").asText();
    assertThat(send("POST", "/api/provider-keys/" + id + "/disable", null, "cookie", cookie, "origin", EVIL).statusCode())
        .isEqualTo(403);
    assertThat(send("DELETE", "/api/admin-users/au_x", null, "cookie", cookie, "origin", EVIL).statusCode()).isEqualTo(403);
    assertThat(gatewayKeyNames()).doesNotContain("planted");
    assertThat(JSON.readTree(h.adminCall("GET", "/api/provider-keys/" + id, null).body()).path("enabled").asBoolean()).isTrue();
  }

  @Test
  void the_console_on_the_same_origin_works_with_the_cookie_and_json() throws Exception {
    start("");
    String cookie = sessionCookie();

    HttpResponse<String> created = send("POST", "/api/gateway-keys", KEY, "cookie", cookie,
        "content-type", "application/json; charset=utf-8", "origin", ownOrigin(), "sec-fetch-site", "same-origin");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(gatewayKeyNames()).contains("planted");
    assertThat(send("GET", "/api/gateway-keys", null, "cookie", cookie, "origin", EVIL).statusCode())
        .as("reads are not state changes; the browser keeps their answers from other sites").isEqualTo(200);
    assertThat(send("POST", "/api/auth/logout", null, "cookie", cookie, "origin", ownOrigin()).statusCode()).isEqualTo(200);
  }

  @Test
  void a_cookie_call_with_a_body_that_is_not_json_is_a_415_even_from_the_same_origin() throws Exception {
    start("");
    String cookie = sessionCookie();

    HttpResponse<String> r = send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "text/plain",
        "origin", ownOrigin());

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(r.body()).path("error").path("type").asText()).isEqualTo("unsupported_media_type");
    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/x-www-form-urlencoded")
        .statusCode()).isEqualTo(415);
    assertThat(gatewayKeyNames()).doesNotContain("planted");
  }

  @Test
  void bearer_token_calls_are_unaffected() throws Exception {
    start("");
    String token = sessionCookie().substring("keypool_session=".length());

    assertThat(send("POST", "/api/gateway-keys", KEY, "authorization", "Bearer " + token, "content-type", "text/plain",
        "origin", EVIL).statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/gateway-keys", "{\"name\":\"second\"}", "authorization", "Bearer " + GatewayHarness.ADMIN_TOKEN,
        "origin", EVIL).statusCode()).isEqualTo(201);
  }

  @Test
  void login_from_another_site_is_refused_and_sets_no_cookie() throws Exception {
    start("");
    String body = "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}";

    HttpResponse<String> r = send("POST", "/api/auth/login", body, "content-type", "text/plain", "origin", EVIL);

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("set-cookie")).isEmpty();
    assertThat(send("POST", "/api/auth/login", body, "content-type", "application/json", "sec-fetch-site", "cross-site")
        .statusCode()).isEqualTo(403);
    HttpResponse<String> own = send("POST", "/api/auth/login", body, "content-type", "application/json", "origin", ownOrigin());
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("set-cookie").orElseThrow())
        .contains("SameSite=Strict").containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure");
  }

  @Test
  void a_trusted_origin_of_a_reverse_proxy_is_accepted_and_its_https_makes_the_cookie_secure() throws Exception {
    start(", trusted_origins: [ \"https://Keypool.Example.com:443\" ]");
    String body = "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}";

    HttpResponse<String> login = send("POST", "/api/auth/login", body, "content-type", "application/json",
        "origin", "https://keypool.example.com");
    assertThat(login.statusCode()).isEqualTo(200);
    String setCookie = login.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie).containsIgnoringCase("Secure");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(send("POST", "/api/gateway-keys", KEY, "cookie", cookie, "content-type", "application/json",
        "origin", "https://keypool.example.com").statusCode()).isEqualTo(201);
    assertThat(send("POST", "/api/gateway-keys", "{\"name\":\"other\"}", "cookie", cookie, "content-type", "application/json",
        "origin", "https://other.example.com").statusCode()).isEqualTo(403);
  }

  private String ownOrigin() {
    return "http://127.0.0.1:" + h.gateway.adminPort();
  }

  /** Logs in as a script would (no Origin) and returns the cookie as a browser sends it back. */
  private String sessionCookie() throws Exception {
    HttpResponse<String> r = send("POST", "/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}",
        "content-type", "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private java.util.List<String> gatewayKeyNames() throws Exception {
    java.util.List<String> names = new java.util.ArrayList<>();
    JSON.readTree(h.adminCall("GET", "/api/gateway-keys", null).body()).forEach(k -> names.add(k.path("name").asText()));
    return names;
  }

  /** An admin call with exactly these header pairs, as a browser (or a forged page) would send it. */
  private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(h.admin(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return h.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
