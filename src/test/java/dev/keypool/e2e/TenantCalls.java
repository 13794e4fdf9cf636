package dev.keypool.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Admin and client calls the tenancy tests share: create keys, users and orgs, call with a given key. */
final class TenantCalls {
  static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayHarness h;

  TenantCalls(GatewayHarness h) {
    this.h = h;
  }

  /** Calls the admin API and expects {@code status}; returns the body as JSON. */
  JsonNode admin(int status, String method, String path, String json) throws Exception {
    HttpResponse<String> r = h.adminCall(method, path, json);
    if (r.statusCode() != status) {
      throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ", expected " + status + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Creates a gateway key from a JSON body; returns the creation answer (with "key"). */
  JsonNode newKey(String json) throws Exception {
    return admin(201, "POST", "/api/gateway-keys", json);
  }

  String newUser(String json) throws Exception {
    return admin(201, "POST", "/api/users", json).path("id").asText();
  }

  String newOrg(String json) throws Exception {
    return admin(201, "POST", "/api/orgs", json).path("id").asText();
  }

  /** An OpenAI chat call with {@code key} as bearer. */
  HttpResponse<String> chat(String key, String model) throws Exception {
    return h.postRaw("/v1/chat/completions", GatewayHarness.chat(model), "authorization", "Bearer " + key,
        "content-type", "application/json");
  }

  /** An Anthropic messages call with {@code key} as x-api-key. */
  HttpResponse<String> message(String key, String model) throws Exception {
    return h.postRaw("/v1/messages", GatewayHarness.message(model), "x-api-key", key, "anthropic-version", "2023-06-01",
        "content-type", "application/json");
  }

  HttpResponse<String> models(String key, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.proxy("/v1/models").toString()))
        .timeout(Duration.ofSeconds(20)).header("authorization", "Bearer " + key).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return h.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The error message of an OpenAI-shaped or Anthropic-shaped error body. */
  static String message(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("error").path("message").asText();
  }
}
