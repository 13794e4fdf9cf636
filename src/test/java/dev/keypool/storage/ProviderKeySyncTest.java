package dev.keypool.storage;

import dev.keypool.testkit.Dialect;

import dev.keypool.testkit.TestDatabase;

import dev.keypool.testkit.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keypool.config.ProviderKeyConfig;
import dev.keypool.keypool.ProviderKey;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class ProviderKeySyncTest {

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  TestDatabase t;
  ProviderKeyStore store;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    store = new ProviderKeyStore(t.db.dataSource(), SecretCipher.fromBase64Key(SecretCipher.generateBase64Key()), clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  static ProviderKeyConfig key(String name, String secret, int priority, boolean enabled) {
    return new ProviderKeyConfig(name, secret, priority, 1, List.of("t"), "n", 0, enabled);
  }

  @Test
  void new_file_keys_are_inserted_with_enabled_from_the_file() {
    List<ProviderKey> keys = store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, true),
        key("b", "sk-bbbbbbbbbbbb", 2, false)));
    assertThat(keys).extracting(ProviderKey::name, ProviderKey::source, ProviderKey::enabled, ProviderKey::secret)
        .containsExactly(
            tuple("a", "config", true, "sk-aaaaaaaaaaaa"),
            tuple("b", "config", false, "sk-bbbbbbbbbbbb"));
  }

  @Test
  void a_changed_definition_is_updated_in_place_and_an_unchanged_one_is_left_alone() {
    var first = store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, true),
        key("b", "sk-bbbbbbbbbbbb", 1, true)));
    clock.advance(Duration.ofHours(1));
    var second = store.syncFromConfig("openai", List.of(key("a", "sk-rotated-aaaa", 5, true),
        key("b", "sk-bbbbbbbbbbbb", 1, true)));
    assertThat(second.get(0))
        .returns(first.get(0).id(), ProviderKey::id).returns("sk-rotated-aaaa", ProviderKey::secret)
        .returns(5, ProviderKey::priority).returns(first.get(0).createdAt(), ProviderKey::createdAt)
        .returns(clock.instant(), ProviderKey::updatedAt);
    assertThat(second.get(1)).isEqualTo(first.get(1));
  }

  @Test
  void keys_gone_from_the_file_are_deleted_but_api_keys_stay() {
    store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, true), key("b", "sk-bbbbbbbbbbbb", 1, true)));
    store.insert(ProviderKeyStoreTest.newKey("openai", "added-at-runtime", "sk-cccccccccccc"));
    var after = store.syncFromConfig("openai", List.of(key("b", "sk-bbbbbbbbbbbb", 1, true)));
    assertThat(after).extracting(ProviderKey::name).containsExactly("added-at-runtime", "b");
  }

  @Test
  void an_operators_disable_survives_a_restart_even_when_the_definition_changes() {
    String id = store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, true))).get(0).id();
    store.setEnabled(id, false, "leaked");
    var after = store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 7, true)));
    assertThat(after.get(0)).returns(false, ProviderKey::enabled).returns("leaked", ProviderKey::disabledReason)
        .returns(7, ProviderKey::priority);
  }

  @Test
  void an_operators_enable_of_a_key_disabled_in_the_file_is_kept_too() {
    String id = store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, false))).get(0).id();
    store.setEnabled(id, true, null);
    assertThat(store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, false))).get(0).enabled()).isTrue();
  }

  @Test
  void a_file_key_named_like_an_api_key_is_a_conflict_and_changes_nothing() {
    store.insert(ProviderKeyStoreTest.newKey("openai", "a", "sk-cccccccccccc"));
    assertThatThrownBy(() -> store.syncFromConfig("openai", List.of(key("z", "sk-zzzzzzzzzzzz", 1, true),
        key("a", "sk-aaaaaaaaaaaa", 1, true))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("'a'").hasMessageContaining("admin API");
    assertThat(store.list()).extracting(ProviderKey::name).containsExactly("a");
  }

  @Test
  void config_keys_of_providers_gone_from_the_file_are_deleted() {
    store.syncFromConfig("openai", List.of(key("a", "sk-aaaaaaaaaaaa", 1, true)));
    store.syncFromConfig("mistral", List.of(key("m", "sk-mmmmmmmmmmmm", 1, true)));
    store.insert(ProviderKeyStoreTest.newKey("mistral", "runtime", "sk-rrrrrrrrrrrr"));
    store.deleteProvidersNotIn(Set.of("openai"));
    assertThat(store.list()).extracting(k -> k.providerId() + "/" + k.name())
        .containsExactly("mistral/runtime", "openai/a");
    store.deleteProvidersNotIn(Set.of());
    assertThat(store.list()).extracting(ProviderKey::name).containsExactly("runtime");
  }
}
