package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.config.StorageConfig;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

  @TempDir Path tempDir;
  final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key());

  @Test
  void round_trips_with_a_fresh_iv_each_time() {
    String a = cipher.encrypt("sk-live-1234567890");
    String b = cipher.encrypt("sk-live-1234567890");
    assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain("1234567890");
    assertThat(Base64.getDecoder().decode(a.substring(3))).hasSize(12 + 18 + 16);
    assertThat(cipher.decrypt(a)).isEqualTo("sk-live-1234567890");
    assertThat(cipher.decrypt(b)).isEqualTo("sk-live-1234567890");
  }

  @Test
  void a_wrong_key_gives_the_clear_error() {
    String stored = cipher.encrypt("secret");
    SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key());
    assertThatThrownBy(() -> other.decrypt(stored))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessage("cannot decrypt provider secrets: wrong encryption key?");
  }

  @Test
  void accepts_aes_key_sizes_and_rejects_others() {
    for (int size : new int[] {16, 24, 32}) {
      var c = SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[size]));
      assertThat(c.decrypt(c.encrypt("x"))).isEqualTo("x");
    }
    assertThatThrownBy(() -> SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[20])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16, 24 or 32 bytes").hasMessageContaining("20");
    assertThatThrownBy(() -> SecretCipher.fromBase64Key("not base64!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid base64");
  }

  @Test
  void the_configured_key_wins_and_no_file_is_written() {
    String key = SecretCipher.generateBase64Key();
    Path file = tempDir.resolve("keypool.key");
    SecretCipher fromCfg = SecretCipher.load(cfg(key), file);
    assertThat(SecretCipher.fromBase64Key(key).decrypt(fromCfg.encrypt("s"))).isEqualTo("s");
    assertThat(file).doesNotExist();
  }

  @Test
  void the_key_file_is_generated_once_with_owner_only_permissions_and_reused() throws Exception {
    Path file = tempDir.resolve("a/b/keypool.key");
    SecretCipher first = SecretCipher.load(cfg(null), file);
    String written = Files.readString(file);
    assertThat(Base64.getDecoder().decode(written.trim())).hasSize(32);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    SecretCipher second = SecretCipher.load(cfg(""), file);
    assertThat(Files.readString(file)).isEqualTo(written);
    assertThat(second.decrypt(first.encrypt("s"))).isEqualTo("s");
  }

  @Test
  void the_default_key_file_sits_beside_the_sqlite_database() {
    var sqlite = new StorageConfig("jdbc:sqlite:" + tempDir.resolve("db/keypool.db"), null, null, null, 1);
    assertThat(KeyFile.defaultPath(sqlite)).isEqualTo(tempDir.resolve("db/keypool.key").toAbsolutePath());
  }

  private static StorageConfig cfg(String key) {
    return new StorageConfig("jdbc:sqlite:unused.db", null, null, key, 1);
  }
}
