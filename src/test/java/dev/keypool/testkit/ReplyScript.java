package dev.keypool.testkit;

import java.util.List;

/** The replies scripted for one credential: used in order, the last one repeating. */
final class ReplyScript {
  private final List<Reply> replies;
  private int next;

  ReplyScript(List<Reply> replies) {
    if (replies.isEmpty()) {
      throw new IllegalArgumentException("a script needs at least one reply");
    }
    this.replies = List.copyOf(replies);
  }

  synchronized Reply next() {
    Reply reply = replies.get(Math.min(next, replies.size() - 1));
    next++;
    return reply;
  }
}
