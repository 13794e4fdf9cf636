package dev.keypool.relay;

import dev.keypool.keypool.FailureClass;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer when the pool's own keys are what failed: rejected credentials, exhausted quota or credit,
 * no access to the model. Passing the provider's 401 ("Incorrect API key provided") or 403 on would make
 * the client's SDK raise an authentication error, and its user would look for a problem in their own
 * key; the provider's request id and rate-limit headers would describe a key the client never saw. So
 * the client gets a 502 in the endpoint's error shape saying that the gateway's upstream keys failed,
 * and only the client's own key problems are ever a 401 or 403.
 */
final class UpstreamKeysFailed {
  static final String CODE = "upstream_keys_failed";

  private UpstreamKeysFailed() {}

  /** Whether a request whose last attempt failed this way failed because of the pool's keys. */
  static boolean applies(FailureClass last) {
    return last == FailureClass.CREDENTIAL || last == FailureClass.QUOTA || last == FailureClass.MODEL_ACCESS;
  }

  /**
   * The error for the client, e.g. "All 2 upstream keys tried for model 'gpt-4o' were rejected by the
   * provider (credential). ...".
   *
   * @param attempts every attempt of the request, all failed
   */
  static ApiException error(String routeId, FailureClass last, List<Attempt> attempts) {
    Set<String> classes = new LinkedHashSet<>();
    int failed = 0;
    for (Attempt a : attempts) {
      if (a.failure() != null) {
        failed++;
        classes.add(a.failure().wireName());
      }
    }
    String tried = failed == 1 ? "The upstream key tried" : "All " + failed + " upstream keys tried";
    String message = tried + " for model " + ModelName.quoted(routeId) + " " + (failed == 1 ? what(last) : plural(what(last)))
        + " (" + classes.stream().collect(Collectors.joining(", ")) + "). The gateway's own provider keys need "
        + "attention; your API key was accepted.";
    return new ApiException(ErrorKind.BAD_GATEWAY, CODE, message, null);
  }

  private static String what(FailureClass last) {
    return switch (last) {
      case QUOTA -> "was refused by the provider for lack of quota or credit";
      case MODEL_ACCESS -> "was refused access to the model by the provider";
      default -> "was rejected by the provider";
    };
  }

  private static String plural(String singular) {
    return singular.replaceFirst("^was ", "were ");
  }
}
