package dev.keypool.relay.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.config.HostedTools;
import dev.keypool.provider.openai.responses.ResponsesRequest;
import dev.keypool.provider.openai.responses.ResponsesRequestReader;
import dev.keypool.relay.Endpoint;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.RelayContext;
import dev.keypool.translate.ErrorMapping;
import dev.keypool.translate.UntranslatableRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The factory of {@link Translation}s, one per proxy verticle: reads a client's chat body into the
 * canonical model when a request first needs a candidate of the other wire format.
 */
public final class Translations {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(Translations.class);

  private final Clock clock;
  private final ErrorMapping errors;

  public Translations(Clock clock, ErrorMapping errors) {
    this.clock = clock;
    this.errors = errors;
  }

  /**
   * The translation of this request's body.
   *
   * @throws ApiException 400 when the body cannot be read as a chat request of the client's format, or
   *     names hosted tools on a route that refuses them
   */
  public Translation start(RelayContext ctx) {
    ClientRequest request;
    try {
      JsonNode body = JSON.readTree(ctx.body().bytes());
      request = ctx.endpoint() == Endpoint.RESPONSES ? responses(ctx, ResponsesRequestReader.readRequest(body))
          : ClientRequest.of(ChatCodecs.readClientRequest(ctx.endpoint(), body, ctx.body().model(), ctx.body().stream()));
    } catch (ApiException e) {
      throw e;
    } catch (UntranslatableRequest e) {
      // Valid in its own format, but asks for what the translation cannot give.
      throw new ApiException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", e.getMessage(), null);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "The request body could not be read as a "
          + ctx.endpoint().format().wireName() + " chat request: " + e.getMessage());
    }
    return new Translation(ctx, request, clock.instant().getEpochSecond(), errors);
  }

  /**
   * Applies the route's {@code hosted_tools} to the hosted tools a Responses request declared, which no
   * chat upstream can run: refused with a 400 naming them, or dropped with one log line (the tool
   * types only, never the request's content).
   */
  private static ClientRequest responses(RelayContext ctx, ResponsesRequest read) {
    List<String> hosted = read.hostedTools();
    if (!hosted.isEmpty() && ctx.route().hostedTools() == HostedTools.REJECT) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "unsupported_parameter", "Hosted tools "
          + String.join(", ", hosted) + " cannot run on route '" + ctx.route().id() + "': its provider has no "
          + "Responses API, and the route is set to refuse them (hosted_tools: reject).", null);
    }
    if (!hosted.isEmpty()) {
      log.info("route {}: hosted tools dropped for a provider without the Responses API: {}", ctx.route().id(),
          String.join(",", hosted));
    }
    return new ClientRequest(read.chat(), read.toolNames(), hosted);
  }
}
