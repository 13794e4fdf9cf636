package dev.keypool.alert;

import dev.keypool.keypool.ProviderKey;
import dev.keypool.oauth.OAuthCredential;
import java.util.function.BiConsumer;

/**
 * Feeds the {@code oauth_refresh_failed} rule from the OAuth refresher: a key whose last token refresh
 * failed raises the condition (with what the token endpoint answered, which names no token); the next
 * successful refresh clears it.
 */
public final class OAuthSignals {
  private OAuthSignals() {}

  /** The refresher's state listener for {@code alerts}. */
  public static BiConsumer<ProviderKey, OAuthCredential> of(AlertService alerts) {
    return (key, cred) -> apply(alerts, key, cred);
  }

  static void apply(AlertService alerts, ProviderKey key, OAuthCredential cred) {
    String subject = "key:" + key.id();
    if (cred.failure() == null) {
      alerts.pushed().clear(RuleKind.OAUTH_REFRESH_FAILED, subject);
      return;
    }
    alerts.pushed().raise(new Condition(RuleKind.OAUTH_REFRESH_FAILED, subject,
        "OAuth token of provider key '" + key.name() + "' (" + key.id() + ") of " + key.providerId()
            + " could not be refreshed",
        (cred.rejected() ? "The token endpoint refused the refresh token; the key is out of rotation until the "
            + "account is authorized again or refreshed by hand. "
            : "The refresh is retried every " + dev.keypool.oauth.OAuthRefresher.RETRY.toSeconds() + " s. ")
            + "Last error: " + cred.lastError()));
  }
}
