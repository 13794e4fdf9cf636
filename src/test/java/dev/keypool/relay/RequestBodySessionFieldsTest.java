package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The session fields the body's one scan notes: top-level {@code prompt_cache_key}, {@code metadata.user_id}. */
class RequestBodySessionFieldsTest {

  private static RequestBody parse(String json) {
    return RequestBody.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void prompt_cache_key_and_metadata_user_id_are_read_where_they_belong() {
    RequestBody body = parse("""
        {"model":"m","metadata":{"tags":{"user_id":"nested"},"user_id":"{\\"session_id\\":\\"s-1\\"}"},
         "messages":[{"role":"user","content":"Hi","prompt_cache_key":"inner"}],"prompt_cache_key":"conv-7"}""");
    assertThat(body.promptCacheKey()).isEqualTo("conv-7");
    assertThat(body.metadataUserId()).isEqualTo("{\"session_id\":\"s-1\"}");
    assertThat(body.model()).isEqualTo("m");
  }

  @Test
  void absent_or_non_text_values_are_no_session() {
    RequestBody body = parse("{\"model\":\"m\",\"prompt_cache_key\":null,\"metadata\":{\"user_id\":42}}");
    assertThat(body.promptCacheKey()).isNull();
    assertThat(body.metadataUserId()).isNull();
    assertThat(parse("{\"model\":\"m\"}").promptCacheKey()).isNull();
  }
}
