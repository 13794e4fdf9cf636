package dev.keypool.keypool;

import java.util.Locale;
import java.util.Set;

/**
 * Why an upstream attempt failed. The class, not the status code, decides what happens next: whether
 * the request moves on to another key, and whether the key that failed is cooled down or counted
 * toward a ban.
 */
public enum FailureClass {
  /** The key is wrong, revoked or lacks permission (401, 403). Waiting does not help; counts toward a ban. */
  CREDENTIAL(true, true),
  /** The key's account is out of credit or over its plan quota. Waiting a few seconds does not help. */
  QUOTA(true, true),
  /** The key hit the upstream's rate limit (429). It recovers by itself after the reset. */
  RATE_LIMIT(true, true),
  /** This key may not use this model (or the model is unknown to this provider); another key or provider may. */
  MODEL_ACCESS(true, false),
  /** The upstream is overloaded (529, 503). Another key of the same account rarely helps, another provider may. */
  OVERLOADED(true, false),
  /** A network error, timeout or 5xx: likely to succeed on a retry. */
  TRANSIENT(true, false),
  /**
   * A 2xx whose body is not the format's answer (HTML from a proxy or captive portal, truncated or
   * non-object JSON, a stream where JSON was asked for or the reverse). Retried on another key; counts
   * against the key like a transient failure.
   */
  BAD_RESPONSE(true, false),
  /** The request itself is wrong (400, 413, 422). Every key would fail the same way: no retry, no blame on the key. */
  CALLER_FAULT(false, false);

  private final boolean retryable;
  private final boolean keyScoped;

  FailureClass(boolean retryable, boolean keyScoped) {
    this.retryable = retryable;
    this.keyScoped = keyScoped;
  }

  /** Whether the request may be retried on another key or candidate. */
  public boolean retryable() {
    return retryable;
  }

  /** Whether the failure says something about the key itself (as opposed to the request or the provider). */
  public boolean keyScoped() {
    return keyScoped;
  }

  /**
   * Whether this failure is evidence toward banning the key: a rejected credential always is, a
   * caller's fault never is (whatever its status), anything else when its status is one the ban
   * policy lists.
   */
  public boolean countsTowardBan(int status, Set<Integer> banStatusCodes) {
    return switch (this) {
      case CREDENTIAL -> true;
      case CALLER_FAULT -> false;
      default -> banStatusCodes.contains(status);
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
