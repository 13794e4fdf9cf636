package dev.keypool.oauth;

import java.util.List;
import java.util.Map;

/**
 * Where and how an OAuth account type is authorized: the authorization and token endpoints, the public
 * client registered for it, the scopes and redirect URI the authorization server accepts for that
 * client, and extra authorization parameters. A preset fills in what an operator would otherwise type;
 * every field can be overridden when a flow is started.
 *
 * @param clientSecret the client's secret where the client type has one (an installed application's
 *     secret is published with it and is not treated as confidential), else null
 * @param redirectUri where the authorization server sends the browser with the code: a page of the
 *     provider that shows the code, or a loopback address whose URL (with the code) the operator pastes
 */
public record OAuthPreset(
    String id,
    String label,
    String authorizeUrl,
    String tokenUrl,
    String clientId,
    String clientSecret,
    String scopes,
    String redirectUri,
    Map<String, String> authorizeParams,
    String source) {

  public static final String GENERIC = "generic";

  public OAuthPreset {
    authorizeParams = authorizeParams == null ? Map.of() : Map.copyOf(authorizeParams);
  }

  /**
   * The presets. Only account types whose endpoints and client are published by their vendor (in its
   * documentation or in the open source of its own client) are here; {@code generic} takes everything
   * from the operator.
   */
  public static final List<OAuthPreset> ALL = List.of(
      // The Codex CLI's login (openai/codex, codex-rs/login): its public client at auth.openai.com, PKCE,
      // and the loopback redirect that client is registered with.
      new OAuthPreset("openai_codex", "OpenAI Codex (ChatGPT account)", "https://auth.openai.com/oauth/authorize",
          "https://auth.openai.com/oauth/token", "app_EMoamEEZ73f0CkXaXp7hrann", null,
          "openid profile email offline_access", "http://localhost:1455/auth/callback",
          Map.of("id_token_add_organizations", "true", "codex_cli_simplified_flow", "true"),
          "https://github.com/openai/codex"),
      // The Gemini CLI's Google login (google-gemini/gemini-cli, code_assist/oauth2.ts) with Google's
      // documented OAuth 2.0 endpoints; its user-code flow redirects to a page that shows the code.
      new OAuthPreset("gemini_cli", "Gemini CLI (Google account)", "https://accounts.google.com/o/oauth2/v2/auth",
          "https://oauth2.googleapis.com/token",
          "681255809395-oo8ft2oprdrnp9e3aqf6av3hmdib135j.apps.googleusercontent.com",
          "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",
          "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email "
              + "https://www.googleapis.com/auth/userinfo.profile",
          "https://codeassist.google.com/authcode", Map.of("access_type", "offline", "prompt", "consent"),
          "https://github.com/google-gemini/gemini-cli"),
      new OAuthPreset(GENERIC, "Generic OAuth 2.0 (authorization code with PKCE)", null, null, null, null, "", null,
          Map.of(), "RFC 6749, RFC 7636"));

  /** The preset with this id, or null. */
  public static OAuthPreset of(String id) {
    for (OAuthPreset p : ALL) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }
}
