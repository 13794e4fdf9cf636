package dev.keypool.relay.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.provider.openai.OpenAiCompletions;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.RelayContext;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ErrorMapping;
import dev.keypool.translate.UntranslatableRequest;
import java.io.IOException;
import java.time.Clock;

/**
 * The factory of {@link Translation}s, one per proxy verticle: reads a client's chat body into the
 * canonical model when a request first needs a candidate of the other wire format.
 */
public final class Translations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final ErrorMapping errors;

  public Translations(Clock clock, ErrorMapping errors) {
    this.clock = clock;
    this.errors = errors;
  }

  /**
   * The translation of this request's body.
   *
   * @throws ApiException 400 when the body cannot be read as a chat request of the client's format
   */
  public Translation start(RelayContext ctx) {
    ChatRequest request;
    try {
      JsonNode body = JSON.readTree(ctx.body().bytes());
      request = ChatCodecs.readClientRequest(ctx.endpoint(), body, ctx.body().model(), ctx.body().stream());
    } catch (UntranslatableRequest e) {
      // Valid in its own format, but asks for what the translation cannot give.
      throw new ApiException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", e.getMessage(), null);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "The request body could not be read as a "
          + ctx.endpoint().format().wireName() + " chat request: " + e.getMessage());
    }
    return new Translation(ctx, request, clock.instant().getEpochSecond(), errors);
  }
}
