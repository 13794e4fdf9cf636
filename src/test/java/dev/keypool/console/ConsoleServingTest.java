package dev.keypool.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin port serves the console: a page whose one inline script (the import map) is allowed by its
 * hash, every file it names from the jar, cached for good under versioned paths and compressed, and the
 * security headers on every answer, the API's too.
 */
class ConsoleServingTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
  static final Pattern LINKS = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");
  static GatewayHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = GatewayHarness.withAdmin(", password: console-passphrase-1", GatewayHarness.Storage.SQLITE);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void the_page_allows_exactly_its_import_map_and_no_other_inline_script() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(page.headers().firstValue("cache-control").orElseThrow()).isEqualTo("no-cache");
    String csp = page.headers().firstValue("content-security-policy").orElseThrow();
    Matcher map = IMPORT_MAP.matcher(page.body());
    assertThat(map.find()).isTrue();
    String hash = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(csp).contains("script-src 'self' 'sha256-" + hash + "'").contains("frame-ancestors 'none'")
        .contains("object-src 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("referrer-policy")).isPresent();
    // The import map names the libraries by version, so they too may be cached for good.
    JsonNode imports = JSON.readTree(map.group(1)).path("imports");
    assertThat(imports.path("preact").asText()).matches("/assets/lib/preact/\\d+\\.\\d+\\.\\d+/.*\\.js");
    assertThat(imports.path("preact/hooks").asText()).startsWith("/assets/lib/preact/");
    assertThat(imports.path("htm").asText()).startsWith("/assets/lib/htm/");
    assertThat(imports.path("uplot").asText()).startsWith("/assets/lib/uplot/");
  }

  @Test
  void every_file_the_page_and_import_map_name_is_served_from_the_jar_cached_for_a_year() throws Exception {
    String body = get("/").body();
    List<String> paths = new ArrayList<>();
    LINKS.matcher(body).results().forEach(m -> paths.add(m.group(1)));
    Matcher map = IMPORT_MAP.matcher(body);
    assertThat(map.find()).isTrue();
    JSON.readTree(map.group(1)).path("imports").forEach(n -> paths.add(n.asText()));
    assertThat(paths).hasSizeGreaterThanOrEqualTo(7);

    for (String path : paths) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.headers().firstValue("cache-control").orElseThrow()).as(path).contains("max-age=31536000").contains("immutable");
      assertThat(r.headers().firstValue("content-type").orElseThrow()).as(path)
          .matches(path.endsWith(".js") ? "text/javascript.*" : path.endsWith(".css") ? "text/css.*" : "image/svg\\+xml");
      assertThat(r.body()).as(path).isNotBlank();
    }
  }

  @Test
  void the_console_modules_import_only_the_mapped_libraries_and_relative_files() throws Exception {
    String body = get("/").body();
    Matcher app = Pattern.compile("src=\"(/assets/[0-9a-f]{12}/)app\\.js\"").matcher(body);
    assertThat(app.find()).isTrue();
    String base = app.group(1);
    java.util.Set<String> checked = new java.util.HashSet<>();
    // Static imports (at the start of a line) and dynamic ones (the pages).
    Pattern imports = Pattern.compile("(?m)^import\\s[^;]*?from\\s*'([^']+)'|\\bimport\\(\\s*'([^']+)'\\s*\\)");
    for (String file : ClasspathFolder.list(ConsoleAssets.FOLDER)) {
      if (!file.endsWith(".js")) {
        continue;
      }
      HttpResponse<String> r = get(base + file);
      assertThat(r.statusCode()).as(file).isEqualTo(200);
      imports.matcher(r.body()).results().map(m -> m.group(1) != null ? m.group(1) : m.group(2)).peek(x -> checked.add(file)).forEach(spec ->
          assertThat(spec).as(file + " imports " + spec).matches("preact|preact/hooks|htm|uplot|\\.{1,2}/.*\\.js"));
    }
    assertThat(checked).as("modules whose imports were read").contains("app.js", "pages.js", "pages/overview.js");
  }

  @Test
  void the_style_sheets_close_every_block_they_open() {
    // A block left open swallows every rule after it without a word from the browser.
    for (String file : ClasspathFolder.list(ConsoleAssets.FOLDER)) {
      if (!file.endsWith(".css")) {
        continue;
      }
      String css = new String(ClasspathFolder.read(ConsoleAssets.FOLDER + "/" + file), StandardCharsets.UTF_8)
          .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\"[^\"]*\"", "\"\"");
      int open = 0;
      String[] lines = css.split("\n");
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i];
        // Rules are written unindented at the top level and indented inside @media: an unindented rule
        // inside an open block means the block above it was never closed.
        assertThat(open > 0 && !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("}"))
            .as(file + " line " + (i + 1) + " starts a rule inside an open block: " + l).isFalse();
        open += (int) (l.chars().filter(c -> c == '{').count() - l.chars().filter(c -> c == '}').count());
        assertThat(open).as(file + " line " + (i + 1) + " closes a block it never opened").isNotNegative();
      }
      assertThat(open).as(file + ": blocks left open at the end").isZero();
    }
  }

  @Test
  void assets_are_compressed_when_the_browser_accepts_gzip_and_revalidate_by_etag() throws Exception {
    String body = get("/").body();
    Matcher css = Pattern.compile("href=\"(/assets/[0-9a-f]{12}/css/console\\.css)\"").matcher(body);
    assertThat(css.find()).isTrue();
    HttpResponse<byte[]> gz = h.http.send(request(css.group(1)).header("accept-encoding", "gzip, deflate, br").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gz.headers().firstValue("content-encoding")).hasValue("gzip");
    String plain = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(plain).isEqualTo(get(css.group(1)).body());
    assertThat(gz.body().length).isLessThan(plain.length() / 2);

    String etag = gz.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again = h.http.send(request(css.group(1)).header("if-none-match", etag).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void an_unknown_or_outdated_asset_is_a_404_that_is_not_cached() throws Exception {
    HttpResponse<String> old = get("/assets/000000000000/app.js");
    assertThat(old.statusCode()).isEqualTo(404);
    assertThat(old.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(get("/assets/lib/preact/0.0.1/dist/preact.module.js").statusCode()).isEqualTo(404);
    assertThat(get("/assets/../keypool.yaml").statusCode()).isEqualTo(404);
  }

  @Test
  void api_answers_carry_the_security_headers_and_a_policy_that_runs_nothing() throws Exception {
    HttpResponse<String> r = get("/api/gateway-keys");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'none'");
    assertThat(r.headers().firstValue("x-frame-options")).hasValue("DENY");
    assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
  }

  @Test
  void the_session_probe_says_who_is_logged_in_without_a_401() throws Exception {
    HttpResponse<String> anonymous = get("/api/auth/session");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(anonymous.body()).path("authenticated").asBoolean()).isFalse();
    HttpResponse<String> bad = get("/api/auth/session", "cookie", "keypool_session=kps_not-a-real-session-token-0000000000");
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(bad.body()).path("authenticated").asBoolean()).isFalse();

    HttpResponse<String> login = h.http.send(request("/api/auth/login").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"console-passphrase-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    String cookie = login.headers().firstValue("set-cookie").orElseThrow();
    JsonNode me = JSON.readTree(get("/api/auth/session", "cookie", cookie.substring(0, cookie.indexOf(';'))).body());
    assertThat(me.path("authenticated").asBoolean()).isTrue();
    assertThat(me.path("role").asText()).isEqualTo("admin");
    assertThat(me.path("user").path("username").asText()).isEqualTo("admin");
    assertThat(me.toString()).doesNotContain("password");
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(h.admin(path));
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return h.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
