package dev.keypool.provider.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.translate.ContentPart;
import dev.keypool.translate.Nodes;

/**
 * Carries another provider's thinking through a Responses client and back, in the reasoning item's
 * {@code encrypted_content}: the field the Responses API gives a stateless client (Codex sends
 * {@code store: false} and {@code include: ["reasoning.encrypted_content"]}) to send reasoning back on
 * the next turn. Anthropic needs a thinking block sent back with its signature before the tool calls
 * of the turn it thought in, so the signature travels there, marked as Keypool's, while the thinking
 * text is the item's summary; a redacted block travels whole. Content of another origin (OpenAI's own
 * encrypted reasoning, from a pass-through turn) is not Keypool's to read and is dropped.
 */
final class ReasoningCarrier {
  private static final String SIGNED = "keypool.thinking.";
  private static final String REDACTED = "keypool.redacted.";

  private ReasoningCarrier() {}

  /** The {@code encrypted_content} for a thinking part; null when nothing needs to travel. */
  static String write(String signature) {
    return signature == null || signature.isEmpty() ? null : SIGNED + signature;
  }

  static String writeRedacted(String data) {
    return REDACTED + data;
  }

  /** The thinking a reasoning item carries back, or null when it is not one Keypool wrote. */
  static ContentPart read(JsonNode item) {
    String carried = Nodes.text(item, "encrypted_content");
    if (carried == null) {
      return null;
    }
    if (carried.startsWith(REDACTED)) {
      return new ContentPart.RedactedThinking(carried.substring(REDACTED.length()));
    }
    if (!carried.startsWith(SIGNED)) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : item.path("summary")) {
      String t = Nodes.text(part, "text");
      text.append(t == null ? "" : t);
    }
    return new ContentPart.Thinking(text.toString(), carried.substring(SIGNED.length()));
  }
}
