package dev.keypool.gatewaykey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class GatewayKeySecretsTest {

  @Test
  void generated_keys_are_ak_plus_64_alphanumerics_and_unique() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 500; i++) {
      String key = GatewayKeySecrets.generate();
      assertThat(key).hasSize(67).startsWith("ak_").matches("ak_[A-Za-z0-9]{64}");
      assertThat(GatewayKeySecrets.looksLikeKey(key)).isTrue();
      seen.add(key);
    }
    assertThat(seen).hasSize(500);
  }

  @Test
  void hash_is_lower_case_hex_sha256() {
    assertThat(GatewayKeySecrets.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void hint_shows_the_first_and_last_four_of_the_random_part() {
    String key = "ak_ABCD" + "x".repeat(56) + "WXYZ";
    assertThat(GatewayKeySecrets.hint(key)).isEqualTo("ak_ABCD...WXYZ");
    assertThat(GatewayKeySecrets.hint("short")).isEqualTo("****");
  }

  @Test
  void looks_like_key_rejects_wrong_prefix_length_and_alphabet() {
    String good = GatewayKeySecrets.generate();
    assertThat(GatewayKeySecrets.looksLikeKey("sk_" + good.substring(3))).isFalse();
    assertThat(GatewayKeySecrets.looksLikeKey(good.substring(0, 66))).isFalse();
    assertThat(GatewayKeySecrets.looksLikeKey(good.substring(0, 66) + "-")).isFalse();
    assertThat(GatewayKeySecrets.looksLikeKey(null)).isFalse();
  }
}
