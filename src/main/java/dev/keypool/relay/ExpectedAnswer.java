package dev.keypool.relay;

import dev.keypool.config.ProviderConfig;
import dev.keypool.relay.translate.Translation;

/**
 * What kind of successful answer an attempt asked its upstream for, an SSE stream or one JSON
 * document, so that a 2xx of the other kind (an error page or a JSON body where a stream was asked
 * for, a stream where JSON was) fails the attempt before anything of it reaches the client.
 */
final class ExpectedAnswer {

  private ExpectedAnswer() {}

  /**
   * The upstream was asked to stream SSE when the client streams, unless the route fakes the stream
   * (one JSON answer); a translated stream is always asked for SSE, and a Gemini client passed through
   * chooses between SSE ({@code alt=sse}) and Google's streamed JSON array.
   */
  static boolean eventStream(RelayContext ctx, ProviderConfig provider) {
    if (ctx.body() == null || !ctx.body().stream() || !ctx.endpoint().canStream() || Translation.fakeStream(ctx)) {
      return false;
    }
    return Translation.needed(ctx, provider) || ctx.geminiCall() == null || ctx.geminiCall().sse();
  }

  /** Null when a 2xx of this content type can be the answer asked for, else what is wrong with it. */
  static String mismatch(RelayContext ctx, ProviderConfig provider, String contentType) {
    boolean isStream = contentType != null && contentType.startsWith("text/event-stream");
    boolean wanted = eventStream(ctx, provider);
    if (isStream == wanted) {
      return null;
    }
    return wanted ? "a body of type " + shortType(contentType) + " where an event stream was asked for"
        : "an event stream where one JSON body was asked for";
  }

  private static String shortType(String contentType) {
    if (contentType == null) {
      return "(none)";
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.length() > 64 ? type.substring(0, 64) : type;
  }
}
