package dev.keypool.storage;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.TestDatabase;

import dev.keypool.testkit.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.keypool.ProviderKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class ProviderKeyStoreTest {

  static final String SECRET = "sk-proj-THE-REAL-SECRET-wxyz";

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key());
  TestDatabase t;
  ProviderKeyStore store;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    store = new ProviderKeyStore(t.db.dataSource(), cipher, clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  static ProviderKey newKey(String provider, String name, String secret) {
    return new ProviderKey(null, provider, name, secret, 2, 3, List.of("eu", "batch"), "team A", 60, true, null,
        null, null, null);
  }

  @Test
  void insert_fills_id_source_and_timestamps_and_find_returns_the_same_key() {
    ProviderKey stored = store.insert(newKey("openai", "main", SECRET));
    assertThat(stored.id()).matches("pk_[a-z2-7]{20}");
    assertThat(stored.source()).isEqualTo("api");
    assertThat(stored.createdAt()).isEqualTo(clock.instant()).isEqualTo(stored.updatedAt());
    assertThat(store.find(stored.id())).contains(stored);
    assertThat(store.find("pk_missing")).isEmpty();
  }

  @Test
  void list_orders_by_provider_then_name() {
    store.insert(newKey("openai", "b", SECRET));
    store.insert(newKey("anthropic", "z", SECRET));
    store.insert(newKey("openai", "a", SECRET));
    assertThat(store.list()).extracting(k -> k.providerId() + "/" + k.name())
        .containsExactly("anthropic/z", "openai/a", "openai/b");
  }

  @Test
  void update_rewrites_the_definition_and_sets_updated_at() {
    ProviderKey stored = store.insert(newKey("openai", "main", SECRET));
    clock.advance(Duration.ofMinutes(5));
    var changed = new ProviderKey(stored.id(), "openai", "renamed", "sk-new-secret-0000", 9, 1, List.of(), null, 0,
        true, null, "config", Instant.EPOCH, Instant.EPOCH);
    ProviderKey updated = store.update(changed);
    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertThat(updated.createdAt()).isEqualTo(stored.createdAt());
    assertThat(updated.source()).as("source is not editable").isEqualTo("api");
    assertThat(store.find(stored.id())).contains(updated);
    assertThat(updated.secret()).isEqualTo("sk-new-secret-0000");
    assertThatThrownBy(() -> store.update(newKey("openai", "x", SECRET))).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void delete_reports_whether_the_key_existed() {
    ProviderKey stored = store.insert(newKey("openai", "main", SECRET));
    assertThat(store.delete(stored.id())).isTrue();
    assertThat(store.delete(stored.id())).isFalse();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void set_enabled_records_the_reason_only_while_disabled() {
    ProviderKey stored = store.insert(newKey("openai", "main", SECRET));
    clock.advance(Duration.ofSeconds(1));
    store.setEnabled(stored.id(), false, "billing issue");
    assertThat(store.find(stored.id()).orElseThrow())
        .returns(false, ProviderKey::enabled).returns("billing issue", ProviderKey::disabledReason)
        .returns(clock.instant(), ProviderKey::updatedAt);
    store.setEnabled(stored.id(), true, "ignored");
    assertThat(store.find(stored.id()).orElseThrow())
        .returns(true, ProviderKey::enabled).returns(null, ProviderKey::disabledReason);
    assertThatThrownBy(() -> store.setEnabled("pk_missing", false, "x")).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void a_second_key_with_the_same_provider_and_name_is_a_conflict() {
    store.insert(newKey("openai", "main", SECRET));
    assertThatThrownBy(() -> store.insert(newKey("openai", "main", "sk-other-secret-1111")))
        .isInstanceOf(ConflictException.class);
    store.insert(newKey("anthropic", "main", SECRET));
    assertThat(store.list()).hasSize(2);
  }

  @Test
  void secrets_are_encrypted_at_rest_and_only_a_hint_is_readable() throws SQLException {
    ProviderKey stored = store.insert(newKey("openai", "main", SECRET));
    try (Connection c = t.db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM provider_keys WHERE id = ?")) {
      ps.setString(1, stored.id());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
          assertThat(String.valueOf(rs.getString(col))).as(rs.getMetaData().getColumnName(col)).doesNotContain("THE-REAL-SECRET");
        }
        assertThat(rs.getString("secret_enc")).startsWith("v1:");
        assertThat(rs.getString("secret_hint")).isEqualTo("sk-...wxyz");
      }
    }
  }

  @Test
  void reading_with_the_wrong_encryption_key_gives_the_clear_error() {
    store.insert(newKey("openai", "main", SECRET));
    var wrong = new ProviderKeyStore(t.db.dataSource(), SecretCipher.fromBase64Key(SecretCipher.generateBase64Key()), clock);
    assertThatThrownBy(wrong::list)
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessage("cannot decrypt provider secrets: wrong encryption key?");
  }
}
