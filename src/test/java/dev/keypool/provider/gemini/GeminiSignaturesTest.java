package dev.keypool.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeminiSignaturesTest {

  @Test
  void a_signature_survives_the_round_trip_through_an_id_of_safe_characters() {
    for (String signature : new String[] {"CiQBcsjafE+p/Xz0tCrL7Uy2Q8hYdlPHQmHlm2/Xw5N0rDA==", "AbC+/w=", "AbCd", "x"}) {
      String id = GeminiSignatures.sign("call_0", signature);
      assertThat(id).startsWith("gts_6_call_0").matches("[A-Za-z0-9_-]+");
      assertThat(GeminiSignatures.signature(id)).isEqualTo(signature);
    }
  }

  @Test
  void ids_without_a_signature_stay_as_they_are_and_carry_none() {
    assertThat(GeminiSignatures.sign("call_1", null)).isEqualTo("call_1");
    assertThat(GeminiSignatures.signature("call_1")).isNull();
    assertThat(GeminiSignatures.signature("toolu_01abc")).isNull();
    assertThat(GeminiSignatures.signature("gts_x_y")).isNull();
    assertThat(GeminiSignatures.signature("gts_99_short")).isNull();
  }

  @Test
  void a_response_call_carries_its_signature_and_writing_it_back_restores_the_part() {
    var body = dev.keypool.translate.Nodes.parse("""
        {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"f","args":{"a":1}},
         "thoughtSignature":"c2ln+/=="}]},"finishReason":"STOP"}]}""");
    var call = (dev.keypool.translate.ContentPart.ToolCall) GeminiMapper.readResponse(body).content().getFirst();
    assertThat(call.id()).startsWith("gts_");
    var part = GeminiContent.write(call, null);
    assertThat(part.path("thoughtSignature").asText()).isEqualTo("c2ln+/==");
    assertThat(part.at("/functionCall/name").asText()).isEqualTo("f");
  }
}
