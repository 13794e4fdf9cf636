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
 * which is how Gemini itself pairs them. So does a {@code functionResponse} whose id names no call:
 * Gemini CLI answers a call that came without an id under an id of its own making
 * ({@code <name>-<time>-<random>}) while the call stays id-less in its history. Stateful, one per body
 * or stream.
 */
final class GeminiCallIds {
  /** A call not answered yet: the id it came with (or was given) and the id it reads as. */
  private record Pending(String plain, String id, String name) {}

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
    unanswered.add(new Pending(plain, id, name));
    return id;
  }

  /**
   * The id of the call a {@code functionResponse} answers: the call with its id, else the oldest
   * unanswered call of its function name, else its own id (a result whose call is not in the body).
   */
  String result(String upstreamId, String name) {
    boolean hasId = upstreamId != null && !upstreamId.isEmpty();
    if (hasId) {
      for (int i = 0; i < unanswered.size(); i++) {
        Pending p = unanswered.get(i);
        if (p.plain().equals(upstreamId) || p.id().equals(upstreamId)) {
          return unanswered.remove(i).id();
        }
      }
    }
    for (int i = 0; i < unanswered.size(); i++) {
      if (Objects.equals(unanswered.get(i).name(), name)) { // a call may lack its name
        return unanswered.remove(i).id();
      }
    }
    return hasId ? upstreamId : "call_" + next++;
  }
}
