package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keypool.e2e.GatewayHarness.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /api/requests?user=&org=}: the records of one user or org, page after page, on both databases. */
class RequestLogTenantFilterTest {
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void the_request_log_filters_by_user_and_org_and_pages_with_the_cursor(Storage storage) throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD, storage);
    TenantCalls t = new TenantCalls(h);
    String org = t.newOrg("{\"name\":\"acme\"}");
    String ann = t.newUser("{\"name\":\"ann\",\"org_id\":\"" + org + "\"}");
    String bob = t.newUser("{\"name\":\"bob\"}");
    String annKey = t.newKey("{\"name\":\"ann\",\"user_id\":\"" + ann + "\",\"org_id\":\"" + org + "\"}").path("key").asText();
    String bobKey = t.newKey("{\"name\":\"bob\",\"user_id\":\"" + bob + "\"}").path("key").asText();
    List<String> annIds = new ArrayList<>();
    List<String> bobIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      annIds.add(0, h.record(t.chat(annKey, "gpt-test")).path("id").asText()); // newest first
      bobIds.add(0, h.record(t.chat(bobKey, "gpt-test")).path("id").asText());
      h.clock.advance(Duration.ofMillis(10)); // distinct start times, so newest first is this order
    }

    assertThat(pagedIds(t, "user=" + ann)).containsExactlyElementsOf(annIds);
    assertThat(pagedIds(t, "user=" + bob)).containsExactlyElementsOf(bobIds);
    assertThat(pagedIds(t, "org=" + org)).containsExactlyElementsOf(annIds);
    assertThat(pagedIds(t, "user=" + bob + "&org=" + org)).isEmpty();
  }

  /** Every id the listing gives for {@code filter}, two at a time, following {@code next_cursor}. */
  private static List<String> pagedIds(TenantCalls t, String filter) throws Exception {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = t.admin(200, "GET", "/api/requests?limit=2&" + filter + (cursor == null ? "" : "&cursor=" + cursor), null);
      page.path("items").forEach(r -> ids.add(r.path("id").asText()));
      cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
    } while (cursor != null);
    return ids;
  }
}
