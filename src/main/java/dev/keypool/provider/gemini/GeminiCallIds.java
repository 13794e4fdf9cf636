package dev.keypool.provider.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tool-call ids for a Gemini body read into the canonical model, which needs an id on every call and
 * result. Gemini's {@code functionCall.id} and {@code functionResponse.id} are optional and the
 * Developer API usually leaves them out: a call then gets {@code call_<n>}, numbered from 0 in order of
 * appearance in the body (stable: reading the same body twice gives the same ids), and a
 * {@code functionResponse} without an id answers the oldest unanswered call of the same function name,
 * which is how Gemini itself pairs them. Stateful, one per body or stream.
 */
final class GeminiCallIds {
  private record Pending(String id, String name) {}

  private final List<Pending> unanswered = new ArrayList<>();
  private int next;

  /** The id of a {@code functionCall}: its own when it has one, else the next {@code call_<n>}. */
  String call(String upstreamId, String name) {
    return call(upstreamId, name, null);
  }

  /**
   * The id of a {@code functionCall} of a response, carrying its {@code thoughtSignature} when it has
   * one ({@link GeminiSignatures}), so a client of another format sends it back with the call.
   */
  String call(String upstreamId, String name, String thoughtSignature) {
    String plain = upstreamId != null && !upstreamId.isEmpty() ? upstreamId : "call_" + next++;
    String id = GeminiSignatures.sign(plain, thoughtSignature);
    unanswered.add(new Pending(id, name));
    return id;
  }

  /** The id of the call a {@code functionResponse} answers: its own id, or by function name. */
  String result(String upstreamId, String name) {
    if (upstreamId != null && !upstreamId.isEmpty()) {
      unanswered.removeIf(p -> p.id().equals(upstreamId));
      return upstreamId;
    }
    for (int i = 0; i < unanswered.size(); i++) {
      if (Objects.equals(unanswered.get(i).name(), name)) { // a call may lack its name
        return unanswered.remove(i).id();
      }
    }
    return "call_" + next++;
  }
}
