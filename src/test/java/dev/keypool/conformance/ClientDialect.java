package dev.keypool.conformance;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.WireFormat;
import java.net.http.HttpResponse;

/** One client wire format: writes an {@link Ask} to its endpoint and reads the answer back. */
interface ClientDialect {
  WireFormat format();

  /** The heading of this client's table. */
  String title();

  HttpResponse<String> send(GatewayHarness h, String model, Ask ask) throws Exception;

  /** The successful answer, JSON or a stream reassembled; asserts the response is of this format. */
  Answer read(HttpResponse<String> response, boolean stream);

  /** How this format spells a stop reason. */
  String stop(Script.Stop reason);

  /** Asserts an error response of this format with this status and kind. */
  void assertError(HttpResponse<String> response, int status, ErrorKind kind);

  /** The two upstream errors the matrix maps. */
  enum ErrorKind { RATE_LIMIT, INVALID_REQUEST }
}
