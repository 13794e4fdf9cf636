package dev.keypool.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashes_are_salted_argon2id_and_verify() {
    String h1 = hasher.hash("correct horse battery");
    String h2 = hasher.hash("correct horse battery");
    assertThat(h1).startsWith("$argon2id$v=19$m=9216,t=2,p=1$").isNotEqualTo(h2);
    // 16 salt bytes (psw4j.properties): 22 base64 characters.
    assertThat(h1.split("\\$")[4]).hasSize(22);
    assertThat(hasher.verify("correct horse battery", h1)).isTrue();
    assertThat(hasher.verify("correct horse batterz", h1)).isFalse();
    assertThat(hasher.verify("x", "not a hash")).isFalse();
    assertThat(hasher.verifyNobody("anything")).isFalse();
    assertThat(hasher.outdated(h1)).isFalse();
    String older = com.password4j.Argon2Function.getInstance(4096, 1, 1, 32, com.password4j.types.Argon2.ID, 19)
        .hash("pw").getResult();
    assertThat(hasher.verify("pw", older)).as("old parameters still verify").isTrue();
    assertThat(hasher.outdated(older)).isTrue();
  }
}
