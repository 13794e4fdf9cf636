package dev.keypool.relay;

import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.config.OverLimit;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's output cap against the output limit of the model one attempt targets (from the model
 * limits catalog): within it, or above it and clamped to it, or above it and refused (per the route's
 * {@code max_tokens_over_limit}). A model the catalog does not know leaves the cap alone. The route's
 * own default cap (sent to an upstream that requires one when the client set none) never exceeds the
 * limit either.
 *
 * @param requested the client's cap, or -1 when it set none
 * @param limit the target model's output limit, or -1 when unknown
 */
public record OutputLimit(long requested, long limit) {
  /** The response header that tells the client its cap was lowered: {@code <asked>-><sent>}. */
  public static final String CLAMPED_HEADER = "x-keypool-max-tokens-clamped";
  private static final Logger log = LoggerFactory.getLogger(OutputLimit.class);

  /**
   * The cap of {@code body} against the limit of {@code upstreamModel}.
   *
   * @throws ApiException 400 when the cap is over the limit and the route rejects such requests
   */
  public static OutputLimit check(RequestBody body, ModelRouteConfig route, String upstreamModel,
      ModelLimitCatalog catalog) {
    OutputLimit out = new OutputLimit(body.maxOutputTokens(), catalog.maxOutputTokens(upstreamModel));
    if (out.exceeded() && route.maxTokensOverLimit() == OverLimit.REJECT) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "max_tokens_over_limit", "The output cap of "
          + out.requested + " tokens exceeds the limit of model " + ModelName.quoted(upstreamModel) + ", which is "
          + out.limit + " tokens (route " + ModelName.quoted(route.id()) + "). Ask for " + out.limit
          + " or fewer.", null);
    }
    return out;
  }

  /** Whether the client's cap is above a known limit. */
  public boolean exceeded() {
    return requested > 0 && limit > 0 && requested > limit;
  }

  /** The cap to write upstream in place of the client's, or -1 to leave the client's as it is. */
  public long clampTo() {
    return exceeded() ? limit : -1;
  }

  /** The route's default cap, lowered to the limit when it is known and smaller. */
  public int routeDefault(int routeMaxTokens) {
    return limit > 0 && limit < routeMaxTokens ? (int) limit : routeMaxTokens;
  }

  /**
   * Sets (or, for an attempt that does not clamp, removes) {@link #CLAMPED_HEADER} on the client's
   * response, which a failover attempt may still change, and logs a clamp.
   */
  public void announce(HttpServerResponse response, String upstreamModel) {
    if (response.headWritten()) {
      return;
    }
    if (exceeded()) {
      log.debug("output cap {} clamped to {}, the limit of model {}", requested, limit, upstreamModel);
      response.headers().set(CLAMPED_HEADER, requested + "->" + limit);
    } else {
      response.headers().remove(CLAMPED_HEADER);
    }
  }
}
