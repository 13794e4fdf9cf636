package dev.keypool.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;

/** One client wire format: writes an {@link Ask} to its endpoint and reads the answer back. */
abstract class ClientDialect {
  private final WireFormat format;
  private final String title;

  /** @param title the heading of this client's table */
  ClientDialect(WireFormat format, String title) {
    this.format = format;
    this.title = title;
  }

  final WireFormat format() {
    return format;
  }

  final String title() {
    return title;
  }

  abstract HttpResponse<String> send(GatewayHarness h, String model, Ask ask) throws Exception;

  /** The successful answer, JSON or a stream reassembled; asserts the response is of this format. */
  final Answer read(HttpResponse<String> response, boolean stream) {
    assertThat(response.statusCode()).as("status; body: %s", response.body()).isEqualTo(200);
    return stream ? readStream(response.body()) : readJson(Json.parse(response.body()));
  }

  abstract Answer readJson(JsonNode body);

  abstract Answer readStream(String sse);

  /** Asserts an error response of this format with this status and kind. */
  abstract void assertError(HttpResponse<String> response, int status, ErrorKind kind);

  /** The two upstream errors the matrix maps. */
  enum ErrorKind { RATE_LIMIT, INVALID_REQUEST }
}
