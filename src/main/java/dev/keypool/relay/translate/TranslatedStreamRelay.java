package dev.keypool.relay.translate;

import dev.keypool.relay.BadUpstreamResponse;
import dev.keypool.relay.ResponseHeaders;
import dev.keypool.relay.ResponseMeter;
import dev.keypool.relay.ResponseRelay;
import dev.keypool.translate.StreamEvent;
import dev.keypool.usage.SseEvent;
import dev.keypool.usage.SseSplitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The relay of an upstream SSE stream into the client's format: each chunk is split into events
 * ({@link SseSplitter}), metered as the upstream sent them, decoded into canonical events and
 * encoded at once, so each complete upstream event reaches the client as soon as it arrived. Held
 * back are only an unfinished event until its rest arrives and the encoded start of the message until
 * the first content: an upstream that dies right after its start event has sent the client nothing, so
 * the attempt can still be retried (the commit is lazy).
 */
final class TranslatedStreamRelay implements ResponseRelay {
  private final SseSplitter splitter = new SseSplitter();
  private final ResponseMeter meter;
  private final ChatCodecs.Decoder decoder;
  private final ChatCodecs.Encoder encoder;
  private Buffer heldStart = Buffer.buffer();

  TranslatedStreamRelay(ResponseMeter meter, ChatCodecs.Decoder decoder, ChatCodecs.Encoder encoder) {
    this.meter = meter;
    this.decoder = decoder;
    this.encoder = encoder;
  }

  @Override
  public ResponseMeter meter() {
    return meter;
  }

  @Override
  public Buffer onChunk(Buffer chunk) {
    List<SseEvent> events = BadUpstreamResponse.events(splitter, chunk);
    if (events.isEmpty()) {
      return Buffer.buffer();
    }
    meter.onEvents(events);
    Buffer out = Buffer.buffer();
    for (SseEvent e : events) {
      if (e.hasData()) {
        encode(decode(e.data()), out);
      }
    }
    return out;
  }

  /** An event whose data the upstream format's decoder cannot read is the upstream's bad answer. */
  private List<StreamEvent> decode(String data) {
    try {
      return decoder.decode(data);
    } catch (RuntimeException e) {
      throw new BadUpstreamResponse("an event that is not the format's JSON");
    }
  }

  /** Ends the client's stream; an event the upstream left unfinished is dropped, as it cannot be decoded. */
  @Override
  public Buffer onEnd() {
    splitter.drain();
    Buffer out = Buffer.buffer();
    encode(decoder.finish(), out);
    if (heldStart != null) {
      out.appendBuffer(heldStart);
      heldStart = null;
    }
    return out.appendBuffer(encoder.end());
  }

  private void encode(List<StreamEvent> events, Buffer out) {
    for (StreamEvent event : events) {
      Buffer encoded = encoder.encode(event);
      if (heldStart == null) {
        out.appendBuffer(encoded);
      } else if (event instanceof StreamEvent.MessageStart || event instanceof StreamEvent.UsageUpdate) {
        heldStart.appendBuffer(encoded);
      } else {
        out.appendBuffer(heldStart).appendBuffer(encoded);
        heldStart = null;
      }
    }
  }

  @Override
  public void commit(HttpClientResponse upstream, HttpServerResponse client, String requestId) {
    client.setStatusCode(upstream.statusCode());
    ResponseHeaders.copyTranslated(upstream.headers(), client, requestId, encoder.contentType());
    client.setChunked(true);
  }
}
