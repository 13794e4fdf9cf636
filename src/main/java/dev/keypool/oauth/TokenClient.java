package dev.keypool.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.relay.ClientText;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls an OAuth 2.0 token endpoint (RFC 6749 section 4.1.3 and section 6): the form-encoded
 * {@code authorization_code} grant with the PKCE verifier, and the {@code refresh_token} grant. Blocking:
 * callers run it on a worker thread, never on an event loop. Tokens never appear in its messages.
 */
public final class TokenClient {
  /** When an answer has no {@code expires_in}, the access token is taken to last this long. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUOTED = 200;

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public TokenClient(Clock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Exchanges an authorization code; the answer must carry a refresh token, or the account could not be kept. */
  public Tokens exchangeCode(OAuthRequest client, String code, String redirectUri, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    if (redirectUri != null) {
      form.put("redirect_uri", redirectUri);
    }
    form.put("code_verifier", verifier);
    Tokens t = post(client, form);
    if (t.refreshToken() == null) {
      throw new TokenException("the token endpoint granted no refresh token (was offline access asked for?)", true);
    }
    return t;
  }

  /** Refreshes the access token; the answer's refresh token is null when the server did not rotate it. */
  public Tokens refresh(OAuthRequest client, String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    return post(client, form);
  }

  /** Who asks: the token endpoint and the client's credentials. */
  public record OAuthRequest(String tokenUrl, String clientId, String clientSecret) {
    @Override
    public String toString() {
      return "OAuthRequest[" + tokenUrl + ", client " + clientId + "]";
    }
  }

  private Tokens post(OAuthRequest client, Map<String, String> form) {
    form.put("client_id", client.clientId());
    if (client.clientSecret() != null && !client.clientSecret().isEmpty()) {
      form.put("client_secret", client.clientSecret());
    }
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(client.tokenUrl())).timeout(timeout)
          .header("content-type", "application/x-www-form-urlencoded").header("accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenException("POST " + client.tokenUrl() + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenException("POST " + client.tokenUrl() + " was interrupted", false);
    } catch (IllegalArgumentException e) {
      throw new TokenException("not a usable token URL: " + client.tokenUrl(), true);
    }
    return read(client.tokenUrl(), response.statusCode(), response.body(), form);
  }

  private Tokens read(String url, int status, String body, Map<String, String> sent) {
    JsonNode root = null;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      // judged below
    }
    if (status / 100 != 2) {
      String said = root == null ? body : errorWords(root);
      said = mask(said == null ? "" : said.replaceAll("\\s+", " ").trim(), sent);
      boolean rejected = status / 100 == 4 && status != 408 && status != 429;
      throw new TokenException("POST " + url + " answered " + status
          + (said.isEmpty() ? "" : ": " + ClientText.quoted(said, QUOTED)), rejected);
    }
    if (root == null || !root.path("access_token").isTextual() || root.path("access_token").asText().isEmpty()) {
      throw new TokenException("POST " + url + " answered " + status + " without an access_token", false);
    }
    long seconds = root.path("expires_in").asLong(0);
    Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
    JsonNode refresh = root.path("refresh_token");
    return new Tokens(root.path("access_token").asText(),
        refresh.isTextual() && !refresh.asText().isEmpty() ? refresh.asText() : null, clock.instant().plus(lifetime));
  }

  /** RFC 6749 section 5.2: {@code error} and {@code error_description}; other shapes as they come. */
  private static String errorWords(JsonNode root) {
    JsonNode error = root.path("error");
    if (error.isTextual()) {
      String description = root.path("error_description").asText("");
      return description.isEmpty() ? error.asText() : error.asText() + ": " + description;
    }
    JsonNode message = error.path("message");
    return message.isTextual() ? message.asText() : root.toString();
  }

  /** The answer with any value the request carried (code, tokens, secret) taken out, should it echo one. */
  private static String mask(String text, Map<String, String> sent) {
    String out = text;
    for (Map.Entry<String, String> e : sent.entrySet()) {
      if (!e.getKey().equals("grant_type") && !e.getKey().equals("client_id") && e.getValue().length() >= 8) {
        out = out.replace(e.getValue(), "[" + e.getKey() + "]");
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
