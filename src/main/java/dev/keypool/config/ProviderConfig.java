package dev.keypool.config;

import java.util.List;
import java.util.Map;

/**
 * One upstream provider: its wire format, base URL (up to and including the version prefix, e.g.
 * {@code https://api.openai.com/v1}), how keys are presented, extra static headers, timeouts, the size
 * of its connection pool, the keys declared for it in the file, and the models it is known to serve
 * (its preset's list unless the file gives one; listed by {@code GET /v1/models} as {@code id/model}).
 *
 * @param responses whether the provider serves OpenAI's {@code /responses} itself, so that a
 *     {@code /v1/responses} request passes through; otherwise it is translated to chat. Many
 *     OpenAI-compatible hosts serve chat completions only, so this defaults to true only for OpenAI's own API.
 * @param completions for an OpenAI-format provider, whether it serves the legacy {@code /completions}
 *     endpoint; when false, Keypool translates legacy completions into chat for it
 * @param proxy the proxy for this provider's upstream calls; null when the global {@code proxy} applies,
 *     {@link ProxyConfig#DIRECT} when the provider is reached directly whatever the global one
 */
public record ProviderConfig(
    String id,
    ProviderFormat format,
    String baseUrl,
    AuthStyle auth,
    Map<String, String> headers,
    TimeoutsConfig timeouts,
    int maxConnections,
    List<ProviderKeyConfig> keys,
    List<String> models,
    boolean responses,
    boolean completions,
    ProxyConfig proxy) {

  public ProviderConfig {
    headers = Map.copyOf(headers);
    keys = List.copyOf(keys);
    models = List.copyOf(models);
  }

  /** A provider that serves legacy completions if its format has them. */
  public ProviderConfig(String id, ProviderFormat format, String baseUrl, AuthStyle auth, Map<String, String> headers,
      TimeoutsConfig timeouts, int maxConnections, List<ProviderKeyConfig> keys, List<String> models) {
    this(id, format, baseUrl, auth, headers, timeouts, maxConnections, keys, models, false, true, null);
  }

  /** A provider that follows the global proxy. */
  public ProviderConfig(String id, ProviderFormat format, String baseUrl, AuthStyle auth, Map<String, String> headers,
      TimeoutsConfig timeouts, int maxConnections, List<ProviderKeyConfig> keys, List<String> models,
      boolean responses, boolean completions) {
    this(id, format, baseUrl, auth, headers, timeouts, maxConnections, keys, models, responses, completions, null);
  }

  /** Header names only: a static header may carry a credential (e.g. a reseller's own auth). */
  @Override
  public String toString() {
    return "ProviderConfig[id=" + id + ", format=" + format + ", baseUrl=" + baseUrl + ", auth=" + auth
        + ", headers=" + headers.keySet() + ", timeouts=" + timeouts + ", maxConnections=" + maxConnections
        + ", keys=" + keys + ", models=" + models + ", responses=" + responses + ", completions=" + completions
        + (proxy == null ? "" : ", proxy=" + proxy.display()) + "]";
  }
}
