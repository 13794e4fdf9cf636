package dev.keypool.relay.translate;

import dev.keypool.provider.openai.responses.ToolNames;
import dev.keypool.translate.ChatRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * A client's request read for translation: the canonical request, and for a Responses request the
 * tool names to map the answer's calls back with and the hosted tools the upstream goes without.
 *
 * @param droppedTools the types of the hosted tools left out, named to the client in
 *     {@value #DROPPED_HEADER}; empty when none
 */
record ClientRequest(ChatRequest chat, ToolNames toolNames, List<String> droppedTools) {
  static final String DROPPED_HEADER = "x-keypool-dropped-tools";

  ClientRequest {
    droppedTools = List.copyOf(droppedTools);
  }

  /** A request of a format that renames and drops nothing. */
  static ClientRequest of(ChatRequest chat) {
    return new ClientRequest(chat, ToolNames.NONE, List.of());
  }

  /** Tells the client, on the answer of a translated attempt, which tools the upstream went without. */
  void markDropped(HttpServerResponse response) {
    if (!droppedTools.isEmpty() && !response.headWritten()) {
      response.putHeader(DROPPED_HEADER, String.join(",", droppedTools));
    }
  }

  /**
   * Takes the mark of an earlier translated attempt back: an attempt whose body passes through unchanged
   * (its provider speaks the client's format) drops nothing.
   */
  static void unmarkDropped(HttpServerResponse response) {
    if (!response.headWritten()) {
      response.headers().remove(DROPPED_HEADER);
    }
  }
}
