package dev.keypool.relay;

import dev.keypool.usage.SseEvent;
import dev.keypool.usage.SseSplitter;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A successful upstream status whose body is not what the format answers: HTML from a captive portal
 * or a proxy, truncated JSON, JSON that is not an object, JSON where a stream was asked for or the
 * reverse. Thrown by a {@link ResponseRelay}; the attempt then fails with
 * {@link dev.keypool.keypool.FailureClass#BAD_RESPONSE}, against the key, and is retried when
 * nothing reached the client yet.
 */
public final class BadUpstreamResponse extends RuntimeException {

  /** @param defect what is wrong, in words (never the body itself) */
  public BadUpstreamResponse(String defect) {
    super(defect, null, false, false);
  }

  /** The events {@code chunk} completes; an event that outgrows the splitter's bound is a bad answer. */
  public static List<SseEvent> events(SseSplitter splitter, Buffer chunk) {
    try {
      return splitter.feed(chunk);
    } catch (SseSplitter.EventTooLarge e) {
      throw new BadUpstreamResponse(e.getMessage());
    }
  }
}
