package dev.keypool.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.config.AuthStyle;
import dev.keypool.config.ProviderConfig;
import dev.keypool.oauth.FlowRequest;
import dev.keypool.oauth.OAuthPreset;
import dev.keypool.oauth.OAuthService;
import dev.keypool.oauth.TokenException;
import dev.keypool.routing.RouteTable;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.OAuthCredentialStore.Account;
import dev.keypool.storage.ProviderKeyStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * OAuth accounts as provider keys: the presets, starting an authorization (PKCE), finishing it with the
 * code (pasted, or the authorization server's redirect to the callback), importing a refresh token, and
 * refreshing a key's token by hand. An OAuth key is otherwise an ordinary provider key (listed, enabled,
 * disabled and deleted through {@code /api/provider-keys}); its access token is sent as
 * {@code Authorization: Bearer}, so its provider must use the {@code bearer} auth style.
 */
final class OAuthRoutes {
  private static final Set<String> CLIENT_FIELDS = Set.of("provider", "name", "preset", "authorize_url", "token_url",
      "client_id", "client_secret", "scopes", "redirect_uri", "priority", "weight", "tags", "notes");
  private static final Set<String> IMPORT_FIELDS = union(CLIENT_FIELDS, "refresh_token");

  private final OAuthService oauth;
  private final ProviderKeyStore keys;
  private final RouteTable routes;
  private final Blocking blocking;
  private final Function<Account, Object> view;

  OAuthRoutes(OAuthService oauth, ProviderKeyStore keys, RouteTable routes, Blocking blocking,
      Function<Account, Object> view) {
    this.oauth = oauth;
    this.keys = keys;
    this.routes = routes;
    this.blocking = blocking;
    this.view = view;
  }

  void mount(Router router) {
    router.get("/api/oauth/presets").handler(rc -> respond(rc, 200, () -> OAuthPreset.ALL.stream().map(OAuthRoutes::preset).toList()));
    router.post("/api/provider-keys/oauth/start").handler(rc -> respond(rc, 201, () -> start(AdminJson.body(rc))));
    router.post("/api/provider-keys/oauth/finish").handler(rc -> respond(rc, 201, () -> {
      JsonNode body = AdminJson.body(rc);
      Fields.allowOnly(body, Set.of("state", "code"));
      return view.apply(oauth.finishFlow(Fields.text(body, "state", null), Fields.requiredText(body, "code")));
    }));
    // Where an authorization server may send the browser back (redirect_uri = <admin>/api/oauth/callback).
    router.get("/api/oauth/callback").handler(rc -> respond(rc, 201, () -> {
      String error = rc.request().getParam("error");
      if (error != null) {
        throw AdminException.invalid("The authorization was refused: " + error + ".");
      }
      String code = rc.request().getParam("code");
      if (code == null || code.isBlank()) {
        throw AdminException.invalid("The callback has no code parameter.");
      }
      return view.apply(oauth.finishFlow(rc.request().getParam("state"), code));
    }));
    router.post("/api/provider-keys/oauth/import").handler(rc -> respond(rc, 201, () -> importToken(AdminJson.body(rc))));
    router.post("/api/provider-keys/:id/oauth/refresh").handler(rc -> respond(rc, 200, () -> refresh(rc.pathParam("id"))));
  }

  private Object start(JsonNode body) {
    Fields.allowOnly(body, CLIENT_FIELDS);
    FlowRequest r = request(body, true);
    OAuthService.Started s = oauth.startFlow(r, clientSecret(body, r.preset()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", s.state());
    out.put("authorization_url", s.authorizationUrl());
    out.put("redirect_uri", s.redirectUri());
    out.put("expires_at", s.expiresAt().toString());
    return out;
  }

  private Object importToken(JsonNode body) {
    Fields.allowOnly(body, IMPORT_FIELDS);
    FlowRequest r = request(body, false);
    return view.apply(oauth.importRefreshToken(r, clientSecret(body, r.preset()), Fields.requiredText(body, "refresh_token")));
  }

  private Object refresh(String id) {
    if (oauth.credential(id).isEmpty()) {
      throw AdminException.notFound("OAuth provider key", id);
    }
    oauth.refreshNow(id);
    return view.apply(oauth.account(id).orElseThrow(() -> AdminException.notFound("OAuth provider key", id)));
  }

  /** The flow's request: the preset's values, each overridable; the provider must exist and take Bearer tokens. */
  private FlowRequest request(JsonNode body, boolean authorizing) {
    String provider = Fields.requiredText(body, "provider");
    ProviderConfig p = routes.current().provider(provider);
    if (p == null) {
      throw AdminException.invalid("Unknown provider '" + provider + "'.");
    }
    if (p.auth() != null && p.auth() != AuthStyle.BEARER) {
      throw AdminException.invalid("Provider '" + provider + "' presents keys as " + p.auth().name().toLowerCase()
          + "; OAuth access tokens are sent as Authorization: Bearer, so give OAuth accounts a provider with auth: bearer.");
    }
    String name = Fields.requiredText(body, "name");
    if (keys.list().stream().anyMatch(k -> k.providerId().equals(provider) && k.name().equals(name))) {
      throw new AdminException(409, "conflict", "Provider '" + provider + "' already has a key named '" + name + "'.");
    }
    String presetId = Fields.text(body, "preset", OAuthPreset.GENERIC);
    OAuthPreset preset = OAuthPreset.of(presetId);
    if (preset == null) {
      throw AdminException.invalid("Unknown OAuth preset '" + presetId + "'; see GET /api/oauth/presets.");
    }
    String authorizeUrl = url(body, "authorize_url", preset.authorizeUrl(), authorizing);
    String tokenUrl = url(body, "token_url", preset.tokenUrl(), true);
    String clientId = Fields.text(body, "client_id", preset.clientId());
    if (clientId == null || clientId.isBlank()) {
      throw AdminException.invalid("client_id is required with the " + presetId + " preset.");
    }
    String redirect = Fields.text(body, "redirect_uri", preset.redirectUri());
    if (authorizing && redirect != null) {
      checkUrl("redirect_uri", redirect);
    }
    return new FlowRequest(provider, name, presetId, authorizeUrl, tokenUrl, clientId,
        Fields.text(body, "scopes", preset.scopes()), redirect, Fields.integer(body, "priority", 0, Integer.MIN_VALUE),
        Fields.integer(body, "weight", 1, 1), Fields.strings(body, "tags", List.of()), Fields.text(body, "notes", ""));
  }

  private static String clientSecret(JsonNode body, String presetId) {
    return Fields.text(body, "client_secret", OAuthPreset.of(presetId).clientSecret());
  }

  private static String url(JsonNode body, String field, String fallback, boolean required) {
    String u = Fields.text(body, field, fallback);
    if (u == null || u.isBlank()) {
      if (required) {
        throw AdminException.invalid(field + " is required with this preset.");
      }
      return null;
    }
    checkUrl(field, u);
    return u;
  }

  private static void checkUrl(String field, String u) {
    try {
      URI uri = URI.create(u);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw AdminException.invalid(field + " must be an http(s) URL, got '" + u + "'.");
    }
  }

  private static Map<String, Object> preset(OAuthPreset p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("label", p.label());
    out.put("authorize_url", p.authorizeUrl());
    out.put("token_url", p.tokenUrl());
    out.put("client_id", p.clientId());
    out.put("has_client_secret", p.clientSecret() != null);
    out.put("scopes", p.scopes());
    out.put("redirect_uri", p.redirectUri());
    out.put("source", p.source());
    return out;
  }

  /** Runs {@code work}; a refused token request is a 502 (the authorization server said no), bad input a 400. */
  private void respond(RoutingContext rc, int status, Callable<Object> work) {
    AdminRoutes.respond(rc, blocking, status, () -> {
      try {
        return work.call();
      } catch (TokenException e) {
        throw new AdminException(502, "oauth_token_error", "The token endpoint did not grant tokens: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw AdminException.invalid(e.getMessage());
      }
    });
  }

  private static Set<String> union(Set<String> a, String b) {
    var out = new java.util.HashSet<>(a);
    out.add(b);
    return Set.copyOf(out);
  }
}
