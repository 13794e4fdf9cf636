package dev.keypool.conformance;

import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.WireFormat;

/** One upstream wire format: answers a {@link Script} in its own shape and reads back what it received. */
interface UpstreamDialect {
  WireFormat format();

  /** The column heading. */
  String title();

  /** The public model id routed to this upstream (see {@link ConformanceTest#CONFIG}). */
  String route();

  /** The model name the route sends upstream. */
  String upstreamModel();

  /** The script as a JSON body or a stream, whichever the request asks for. */
  Reply reply(Script script);

  /** A 400 of this format carrying {@code message}. */
  Reply badRequest(String message);

  Sent sent(RecordedRequest request);

  static String joinTexts(Iterable<com.fasterxml.jackson.databind.JsonNode> parts, String field) {
    StringBuilder sb = new StringBuilder();
    parts.forEach(p -> sb.append(p.path(field).asText("")));
    return sb.toString();
  }
}
