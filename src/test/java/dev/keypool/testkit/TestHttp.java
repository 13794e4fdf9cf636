package dev.keypool.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JDK {@link HttpClient} wrapper the testkit's own tests use to call the fake upstream. */
final class TestHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private TestHttp() {}

  static HttpRequest.Builder post(FakeUpstream upstream, String path, String body) {
    return HttpRequest.newBuilder(URI.create(upstream.baseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> postBearer(FakeUpstream upstream, String key, String path, String body) {
    return send(post(upstream, path, body).header("authorization", "Bearer " + key));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
