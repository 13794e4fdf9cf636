package dev.keypool.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Binds and validates one entry of {@code providers}, with its timeouts and keys. */
final class ProviderBinder {

  static final Pattern ID = Pattern.compile("[a-z0-9_-]+");
  static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  private ProviderBinder() {}

  static ProviderConfig bind(FieldReader r) {
    ProviderPreset preset = r.has("preset") ? r.choice("preset", ProviderPreset.class, null) : null;
    String id = r.string("id", preset == null ? "" : preset.wireName());
    if (id.isEmpty()) {
      r.errors().add(r.path("id"), "required (lower-case letters, digits, _ and -)");
    } else if (!ID.matcher(id).matches()) {
      r.errors().add(r.path("id"), "must match [a-z0-9_-]+ (was \"" + id + "\")");
    }
    ProviderFormat format = r.choice("format", ProviderFormat.configurable(), preset == null ? null : preset.format());
    if (format != null && !ProviderFormat.configurable().contains(format)) {
      r.errors().add(r.path("preset"), "the " + format.wireName() + " format of preset " + preset.wireName()
          + " is not available in this version");
    }
    String baseUrl = baseUrl(r, preset, format);
    AuthStyle auth = r.choice("auth", AuthStyle.class, preset != null && preset.format() == format ? preset.auth()
        : ConfigDefaults.auth(format == null ? ProviderFormat.OPENAI : format));
    List<String> models = r.strings("models", preset == null ? List.of() : preset.models());
    Map<String, String> headers = headers(r, format);
    boolean responses = r.bool("responses", format == ProviderFormat.OPENAI
        && (preset == ProviderPreset.OPENAI || ConfigDefaults.OPENAI_BASE_URL.equals(baseUrl)));
    if (responses && format != null && format != ProviderFormat.OPENAI) {
      r.errors().add(r.path("responses"), "only a provider of format openai can serve /responses");
    }
    int maxConnections = r.integer("max_connections", ConfigDefaults.MAX_CONNECTIONS, 1, 100_000);
    TimeoutsConfig timeouts = timeouts(r.object("timeouts"));
    // Many OpenAI-compatible hosts serve chat only: they get legacy completions translated into chat.
    boolean completions = r.bool("completions", true);
    ProxyConfig proxy = ProxyBinder.provider(r);
    List<ProviderKeyConfig> keys = new ArrayList<>();
    Uniqueness names = new Uniqueness("key name", false);
    Uniqueness secrets = new Uniqueness("key secret", true);
    for (FieldReader k : r.objects("keys")) {
      ProviderKeyConfig key = ProviderKeyBinder.bind(k);
      names.check(r.errors(), k.path("name"), key.name());
      secrets.check(r.errors(), k.path("secret"), key.secret());
      keys.add(key);
    }
    r.finish();
    return new ProviderConfig(
        id, format == null ? ProviderFormat.OPENAI : format, baseUrl, auth, headers, timeouts, maxConnections, keys,
        models, responses, completions, proxy);
  }

  private static String baseUrl(FieldReader r, ProviderPreset preset, ProviderFormat format) {
    // Gemini has one public host and its version prefix is part of each upstream path, so no base URL is needed.
    String def = preset != null ? preset.baseUrl() : format == ProviderFormat.GEMINI ? ConfigDefaults.GEMINI_BASE_URL : "";
    String url = r.string("base_url", def).trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    if (url.isEmpty()) {
      r.errors().add(r.path("base_url"), "required unless a preset gives it (an http or https URL including the version prefix, e.g. https://api.openai.com/v1)");
      return url;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null
          || uri.getQuery() != null || uri.getFragment() != null) {
        r.errors().add(r.path("base_url"), "must be an http or https URL with a host and no credentials, query or fragment");
      }
    } catch (URISyntaxException e) {
      r.errors().add(r.path("base_url"), "not a URL (" + e.getReason() + ")");
    }
    return url;
  }

  private static Map<String, String> headers(FieldReader r, ProviderFormat format) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : r.stringMap("headers").entrySet()) {
      String path = ConfigPaths.field(r.path("headers"), e.getKey());
      if (!HEADER_NAME.matcher(e.getKey()).matches()) {
        r.errors().add(path, "not a valid header name");
      } else if (e.getValue().indexOf('\r') >= 0 || e.getValue().indexOf('\n') >= 0) {
        r.errors().add(path, "header value must not contain line breaks");
      } else {
        out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      }
    }
    if (format == ProviderFormat.ANTHROPIC) {
      out.putIfAbsent("anthropic-version", ConfigDefaults.ANTHROPIC_VERSION);
    }
    return out;
  }

  private static TimeoutsConfig timeouts(FieldReader r) {
    TimeoutsConfig t = new TimeoutsConfig(
        r.duration("connect", ConfigDefaults.CONNECT_TIMEOUT, false),
        r.duration("first_byte", ConfigDefaults.FIRST_BYTE_TIMEOUT, false),
        r.duration("idle", ConfigDefaults.IDLE_TIMEOUT, false),
        r.duration("total", ConfigDefaults.ATTEMPT_TIMEOUT, false));
    r.finish();
    return t;
  }
}
