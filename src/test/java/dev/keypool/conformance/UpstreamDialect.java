package dev.keypool.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.testkit.RecordedRequest;
import dev.keypool.testkit.Replies;
import dev.keypool.testkit.SseEvent;
import dev.keypool.testkit.Reply;
import dev.keypool.testkit.WireFormat;
import java.util.List;

/** One upstream wire format: answers a {@link Script} in its own shape and reads back what it received. */
abstract class UpstreamDialect {
  private final WireFormat format;
  private final String title;
  private final String route;
  private final String upstreamModel;

  /**
   * @param route the public model id routed to this upstream (see {@link ConformanceTest#CONFIG})
   * @param upstreamModel the model name that route sends upstream
   */
  UpstreamDialect(WireFormat format, String title, String route, String upstreamModel) {
    this.format = format;
    this.title = title;
    this.route = route;
    this.upstreamModel = upstreamModel;
  }

  final WireFormat format() {
    return format;
  }

  /** The column heading. */
  final String title() {
    return title;
  }

  final String route() {
    return route;
  }

  final String upstreamModel() {
    return upstreamModel;
  }

  /** The script as a JSON body or a stream, whichever the request asks for. */
  final Reply reply(Script script) {
    return Reply.dynamic(format, r -> r.streaming()
        ? stream(script, r)
        : Replies.json(format, 200, body(script)));
  }

  /** The script streamed as SSE events. */
  Reply stream(Script script, RecordedRequest request) {
    return Replies.sse(format, events(script, request));
  }

  /** The script as a JSON body. */
  abstract ObjectNode body(Script script);

  /** The script as stream events, for this request. */
  abstract List<SseEvent> events(Script script, RecordedRequest request);

  /** A 400 of this format carrying {@code message}. */
  abstract Reply badRequest(String message);

  abstract Sent sent(RecordedRequest request);

  static String joinTexts(Iterable<JsonNode> parts, String field) {
    StringBuilder sb = new StringBuilder();
    parts.forEach(p -> sb.append(p.path(field).asText("")));
    return sb.toString();
  }
}
