package dev.keypool.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.e2e.GatewayHarness;
import dev.keypool.testkit.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identifying headers a client may add to an SDK call, and the check that none of them, nor the
 * client's gateway key, reached the upstream.
 */
final class ClientIdentity {
  static final String ADDRESS = "203.0.113.77";
  static final String COOKIE = "session=client-cookie-4711";
  /** The client's own OpenAI organization and project, which the SDK sends as {@code OpenAI-Organization/-Project}. */
  static final String ORGANIZATION = "org-client0123456789";
  static final String PROJECT = "proj_client0123456789";

  /** Added to SDK calls through their per-request header options ({@code putAdditionalHeader}). */
  static final Map<String, String> HEADERS = Map.of(
      "x-forwarded-for", ADDRESS,
      "x-real-ip", ADDRESS,
      "forwarded", "for=" + ADDRESS + ";proto=https",
      "cookie", COOKIE);

  private ClientIdentity() {}

  /**
   * Every request carries exactly one credential, a provider key of this provider in the provider's auth
   * header, and nothing that identifies the client: not its gateway key (in any header or the body), not
   * its address, not its cookie, not its own OpenAI organization or project.
   */
  static void assertNoneReachedTheUpstream(List<RecordedRequest> requests, Set<String> providerKeys, boolean bearer) {
    assertThat(requests).isNotEmpty();
    for (RecordedRequest r : requests) {
      String where = r.method() + " " + r.path() + " with " + r.headers();
      assertThat(r.key()).as(where).isIn(providerKeys);
      if (bearer) {
        assertThat(r.headers().get("authorization")).as(where).containsExactly("Bearer " + r.key());
        assertThat(r.header("x-api-key")).as(where).isNull();
      } else {
        assertThat(r.headers().get("x-api-key")).as(where).containsExactly(r.key());
        assertThat(r.header("authorization")).as(where).isNull();
      }
      assertThat(r.headers().keySet()).as(where)
          .noneMatch(name -> HEADERS.containsKey(name.toLowerCase(java.util.Locale.ROOT)));
      r.headers().forEach((name, values) -> assertThat(values).as(where + " header " + name)
          .noneMatch(v -> v.contains(GatewayHarness.CLIENT_KEY) || v.contains(ADDRESS) || v.contains(COOKIE)
              || v.contains(ORGANIZATION) || v.contains(PROJECT)));
      assertThat(r.bodyText()).as(where).doesNotContain(GatewayHarness.CLIENT_KEY, ADDRESS, COOKIE);
    }
  }
}
