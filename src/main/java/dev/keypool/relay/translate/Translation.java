package dev.keypool.relay.translate;

import dev.keypool.config.ProviderConfig;
import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.anthropic.AnthropicVersion;
import dev.keypool.provider.gemini.GeminiSignatures;
import dev.keypool.relay.Bridge;
import dev.keypool.relay.Endpoint;
import dev.keypool.relay.OutputLimit;
import dev.keypool.relay.RelayContext;
import dev.keypool.routing.ModelRoutes.Target;
import dev.keypool.translate.ChatRequest;
import dev.keypool.translate.ErrorMapping;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client chat request (or legacy completion) in the canonical model, from which each attempt that
 * needs translation ({@link #needed}) gets its {@link TranslatingBridge}: the upstream body written for
 * the candidate's format and model.
 */
public final class Translation {
  private final RelayContext ctx;
  private final ChatRequest request;
  private final long created;
  private final ErrorMapping errors;
  private final ClientRequest client;

  Translation(RelayContext ctx, ClientRequest client, long created, ErrorMapping errors) {
    this.ctx = ctx;
    this.client = client;
    this.request = client.chat();
    this.created = created;
    this.errors = errors;
  }

  /**
   * The bridge of an attempt on {@code target}, whose provider speaks the other format.
   *
   * @param upstreamHeaders the attempt's upstream headers; for an Anthropic upstream their
   *     {@code anthropic-version} (the provider's configured one, else the default: a translated
   *     request never carries the client's) decides the rules the body is written for
   * @param output the client's output cap against the target model's limit: a cap above it is clamped
   */
  public Bridge bridge(Target target, MultiMap upstreamHeaders, OutputLimit output) {
    ProviderFormat upstream = target.provider().format();
    ChatRequest out = request.withModel(target.model());
    if (upstream != ProviderFormat.GEMINI) {
      out = GeminiSignatures.withoutSignatures(out); // Gemini's thought signatures go back to Gemini only
    }
    if (output.limit() > 0 && out.maxTokens() != null && out.maxTokens() > output.limit()) {
      out = out.withMaxTokens((int) output.limit());
    }
    boolean fakeStream = fakeStream(ctx);
    if (fakeStream) {
      out = out.withStream(false);
    }
    if (upstream == ProviderFormat.OPENAI && out.stream()) {
      out = out.withIncludeUsage(true); // OpenAI streams report usage only when asked; the record needs it
    }
    AnthropicVersion version = upstream == ProviderFormat.ANTHROPIC
        ? anthropicVersion(upstreamHeaders.get("anthropic-version")) : null;
    // An Anthropic upstream requires an output cap; the route's applies when the client set none, within
    // the target model's limit.
    Endpoint upstreamEndpoint = upstreamEndpoint(target);
    var body = ChatCodecs.writeUpstreamRequest(upstreamEndpoint, out, version,
        output.routeDefault(ctx.route().maxTokens()));
    // A Gemini upstream is always asked for SSE: the stream decoders read events, not Gemini's JSON array.
    String path = upstreamEndpoint.upstreamPath(target.model(), out.stream(), true);
    boolean clientSse = ctx.geminiCall() == null || ctx.geminiCall().sse();
    client.markDropped(ctx.response());
    return new TranslatingBridge(upstreamEndpoint, path, ctx.endpoint(), clientSse, body, request.includeUsage(),
        created, errors, fakeStream, client.toolNames());
  }

  /**
   * The operation asked of the candidate: chat in its format, except that a legacy completion stays one
   * for a provider that serves them (only a fake stream translates it then, and the model may know
   * nothing but completions).
   */
  private Endpoint upstreamEndpoint(Target target) {
    return ctx.endpoint() == Endpoint.COMPLETIONS && target.provider().format() == ProviderFormat.OPENAI
        && target.provider().completions() ? Endpoint.COMPLETIONS : ctx.endpoint().translatedTo(target.provider().format());
  }

  /**
   * Whether an attempt on {@code provider} goes through the canonical model: a provider that does not
   * serve the client's endpoint itself (another wire format, or an OpenAI-compatible host without the
   * Responses API or legacy completions), or a fake stream (whose upstream call is not streamed,
   * whatever the client asked).
   */
  public static boolean needed(RelayContext ctx, ProviderConfig provider) {
    return !ctx.endpoint().passesThrough(provider) || fakeStream(ctx);
  }

  /**
   * For an attempt whose body passes through: it drops no tool, so the answer must not carry what an
   * earlier translated attempt of the same request said it dropped.
   */
  public static void passingThrough(HttpServerResponse response) {
    ClientRequest.unmarkDropped(response);
  }

  /** Whether this request is a streaming client on a route that streams from one JSON answer. */
  public static boolean fakeStream(RelayContext ctx) {
    return ctx.route().fakeStream() && ctx.body().stream() && ctx.endpoint().canStream();
  }

  /** The version a header names; a version Keypool does not know is written with the 2023-06-01 rules. */
  private static AnthropicVersion anthropicVersion(String header) {
    try {
      return AnthropicVersion.fromHeader(header);
    } catch (IllegalArgumentException e) {
      return AnthropicVersion.V2023_06_01;
    }
  }
}
