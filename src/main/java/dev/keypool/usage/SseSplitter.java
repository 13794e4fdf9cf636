package dev.keypool.usage;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An incremental splitter of a server-sent-events byte stream into complete {@link SseEvent}s, fed
 * one network chunk at a time. Chunks may split an event anywhere: inside a line, inside a
 * {@code \r\n}, inside a multi-byte UTF-8 character. Lines end with {@code \n}, {@code \r\n} or
 * {@code \r}; an empty line ends an event.
 *
 * <p>Cost: every byte is looked at once, by a small state machine whose state survives between
 * chunks, so nothing is rescanned. An event that lies inside one chunk is a slice of that chunk (no
 * copy); only the unfinished tail of a chunk is copied, and joined with the start of the next chunk
 * when its event completes. Fields are parsed once per complete event, so a UTF-8 character is never
 * decoded in halves.
 *
 * <p>Not thread-safe: one splitter per stream, fed from its event loop.
 */
public final class SseSplitter {
  /**
   * The most bytes one unfinished event may hold. Real events are far smaller (a Responses
   * {@code response.completed} repeats the whole answer; a Gemini event may carry an inline image of a
   * few megabytes); without a bound, an upstream that never ends its event would fill the heap.
   */
  public static final int MAX_EVENT_BYTES = 32 * 1024 * 1024;

  private final int maxEventBytes;
  private Buffer pending;
  /** The current line has at least one byte besides its terminator. */
  private boolean lineHasContent;
  /** The previous byte was a CR, so an LF right after it belongs to the same line ending. */
  private boolean afterCr;
  /** That CR ended an empty line: the event ends after it, and after an LF if one follows. */
  private boolean endAfterCr;

  public SseSplitter() {
    this(MAX_EVENT_BYTES);
  }

  /** A splitter that holds at most {@code maxEventBytes} of one unfinished event. */
  public SseSplitter(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * The events this chunk completes, in order; empty when it completes none.
   *
   * @throws EventTooLarge when the unfinished event would hold more than the bound; the splitter then
   *     holds nothing and the stream should be given up
   */
  public List<SseEvent> feed(Buffer chunk) {
    List<SseEvent> out = null;
    int start = 0;
    int length = chunk.length();
    for (int i = 0; i < length; i++) {
      byte b = chunk.getByte(i);
      if (afterCr) {
        afterCr = false;
        if (endAfterCr) {
          endAfterCr = false;
          int end = b == '\n' ? i + 1 : i;
          out = add(out, complete(chunk, start, end));
          start = end;
          if (b == '\n') {
            continue;
          }
        } else if (b == '\n') {
          continue;
        }
      }
      if (b == '\r') {
        afterCr = true;
        endAfterCr = !lineHasContent;
        lineHasContent = false;
      } else if (b == '\n') {
        if (!lineHasContent) {
          out = add(out, complete(chunk, start, i + 1));
          start = i + 1;
        }
        lineHasContent = false;
      } else {
        lineHasContent = true;
      }
    }
    if (start < length) {
      if ((pending == null ? 0 : pending.length()) + (length - start) > maxEventBytes) {
        drain();
        throw new EventTooLarge(maxEventBytes);
      }
      // The only copy: the unfinished tail, which must outlive the chunk.
      pending = pending == null ? chunk.getBuffer(start, length) : pending.appendBuffer(chunk, start, length - start);
    }
    return out == null ? List.of() : out;
  }

  /**
   * The bytes of an event that was begun but not ended, and forgets them: for a relay that forwards
   * every byte when the upstream closes mid-event. Empty when there are none.
   */
  public Buffer drain() {
    Buffer rest = pending == null ? Buffer.buffer() : pending;
    pending = null;
    lineHasContent = false;
    afterCr = false;
    endAfterCr = false;
    return rest;
  }

  private SseEvent complete(Buffer chunk, int start, int end) {
    Buffer raw;
    if (pending == null) {
      raw = chunk.slice(start, end);
    } else {
      raw = pending.appendBuffer(chunk, start, end - start);
      pending = null;
    }
    return SseFields.parse(raw);
  }

  /** An event grew past the splitter's bound before it ended. */
  public static final class EventTooLarge extends RuntimeException {
    EventTooLarge(int bound) {
      super("an event larger than " + bound + " bytes", null, false, false);
    }
  }

  private static List<SseEvent> add(List<SseEvent> out, SseEvent event) {
    List<SseEvent> list = out == null ? new ArrayList<>(4) : out;
    list.add(event);
    return list;
  }
}
