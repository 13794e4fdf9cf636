package dev.keypool.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * A complete response replayed as the canonical stream that would have produced it, so any format's
 * stream encoder can write it: the basis of fake streaming (a non-streamed upstream answer sent to a
 * streaming client). Each content part becomes one block, in order. Pure.
 */
public final class ResponseEvents {

  private ResponseEvents() {}

  public static List<StreamEvent> of(ChatResponse response) {
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.MessageStart(response.id(), response.model()));
    int index = 0;
    for (ContentPart part : response.content()) {
      if (block(part, index, events)) {
        events.add(new StreamEvent.ContentBlockStop(index++));
      }
    }
    events.add(new StreamEvent.UsageUpdate(response.usage()));
    events.add(new StreamEvent.MessageStop(response.stopReason(), response.stopSequence()));
    return events;
  }

  /** Adds the events of one part; false for a part no stream can carry (redacted thinking, input-only parts). */
  private static boolean block(ContentPart part, int index, List<StreamEvent> events) {
    switch (part) {
      case ContentPart.Text t -> events.add(new StreamEvent.TextDelta(index, t.text()));
      case ContentPart.Thinking t -> {
        events.add(new StreamEvent.ThinkingDelta(index, t.text()));
        if (t.signature() != null) {
          events.add(new StreamEvent.ThinkingSignature(index, t.signature()));
        }
      }
      case ContentPart.ToolCall c -> {
        events.add(new StreamEvent.ToolCallStart(index, c.id(), c.name()));
        events.add(new StreamEvent.ToolCallArgumentsDelta(index, c.argumentsJson() == null ? "{}" : c.argumentsJson()));
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
