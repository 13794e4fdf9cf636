package dev.keypool.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One server-sent event: an optional event name and a single-line data payload.
 *
 * <p>OpenAI streams use unnamed events; Anthropic names each event after the {@code type} of its
 * data. {@link #parse} is the inverse of {@link #wire}, for tests reading a stream back.
 */
public record SseEvent(String event, String data) {

  /** An unnamed event, as OpenAI sends them. */
  public static SseEvent data(String data) {
    return new SseEvent(null, data);
  }

  /** The event as it appears on the wire, terminated by the blank line. */
  public String wire() {
    return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
  }

  byte[] bytes() {
    return wire().getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a complete SSE body into events; comment lines and a trailing partial event are ignored. */
  public static List<SseEvent> parse(String body) {
    List<SseEvent> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new SseEvent(name, data.toString()));
        }
        name = null;
        data = null;
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String value = line.substring(5);
        value = value.startsWith(" ") ? value.substring(1) : value;
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return events;
  }
}
