package dev.keypool.alert.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a JSON body with bounded timeouts and turns every failure into a {@link DeliveryException}
 * whose text has the URL and secrets masked (a webhook URL is itself a credential).
 */
final class HttpPost {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int SHOWN_BODY = 200;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpPost() {}

  /** The response body of a 2xx answer. */
  static String json(String url, Map<String, String> headers, String body, String... secrets) throws DeliveryException {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
          .header("content-type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the channel's URL is not valid");
    }
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException(Masking.mask("cannot reach the channel: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), url, secrets));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted");
    }
    String answer = response.body() == null ? "" : response.body();
    if (response.statusCode() / 100 != 2) {
      throw new DeliveryException(Masking.mask("the channel answered " + response.statusCode() + ": "
          + Masking.shorten(answer, SHOWN_BODY), url, secrets));
    }
    return answer;
  }
}
