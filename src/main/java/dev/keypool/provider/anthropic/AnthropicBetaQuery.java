package dev.keypool.provider.anthropic;

/**
 * The {@code ?beta=true} that Anthropic's SDKs (and so Claude Code) put on {@code /v1/messages} when
 * they call a beta method. A request passed through to an Anthropic upstream keeps it, since it goes
 * with the beta body and {@code anthropic-beta} header the client wrote; a translated request ignores
 * it, as it means nothing to another format. Other query parameters are not Anthropic's and are not
 * forwarded.
 */
public final class AnthropicBetaQuery {
  private static final String BETA = "beta=true";

  private AnthropicBetaQuery() {}

  /** The query to append to the upstream path: {@code ?beta=true} when the client's query has it, else "". */
  public static String forUpstream(String clientQuery) {
    if (clientQuery == null) {
      return "";
    }
    for (String param : clientQuery.split("&")) {
      if (param.equals(BETA)) {
        return "?" + BETA;
      }
    }
    return "";
  }
}
