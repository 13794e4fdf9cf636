package dev.keypool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.keypool.ProviderKey;
import dev.keypool.storage.ProviderKeyStore;
import dev.keypool.testkit.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code keypool keys export} and {@code import} on a real database, in JSON and CSV. */
@ParameterizedClass
@EnumSource(Dialect.class)
class KeysCommandTest {
  @Parameter Dialect dialect;
  @TempDir Path dir;
  CliFixture cli;
  ProviderKeyStore store;

  @BeforeEach
  void start() throws Exception {
    cli = new CliFixture(dialect, dir, """
        providers:
          - id: openai
            format: openai
            base_url: https://api.openai.com/v1
            keys: [ { name: declared, secret: sk-declared-0123456789 } ]
          - { id: anthropic, format: anthropic, base_url: https://api.anthropic.com/v1 }
        """);
    store = new ProviderKeyStore(cli.db.dataSource(), cli.cipher, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    cli.close();
  }

  @Test
  void a_csv_file_adds_many_keys_and_a_second_import_skips_them() throws Exception {
    Path file = Files.writeString(dir.resolve("keys.csv"), """
        provider,name,secret,priority,weight,tags,notes,requests_per_minute,enabled
        openai,one,sk-one-0123456789,1,2,eu;batch,"team A, night",60,true
        anthropic,two,ant-two-0123456789,,,,,,false
        """);
    CliFixture.Run run = cli.run("keys", "import", file.toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("line 2 +openai +one +created").containsPattern("line 3 +anthropic +two +created")
        .contains("2 created, 0 updated, 0 skipped, 0 invalid");
    ProviderKey one = find("openai", "one");
    assertThat(one.secret()).isEqualTo("sk-one-0123456789");
    assertThat(one.tags()).containsExactly("eu", "batch");
    assertThat(one.notes()).isEqualTo("team A, night");
    assertThat(one.priority()).isEqualTo(1);
    assertThat(one.weight()).isEqualTo(2);
    assertThat(one.requestsPerMinute()).isEqualTo(60);
    assertThat(one.source()).isEqualTo("api");
    assertThat(find("anthropic", "two").enabled()).isFalse();

    CliFixture.Run again = cli.run("keys", "import", file.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).containsPattern("openai +one +skipped +exists").contains("0 created, 0 updated, 2 skipped");
  }

  @Test
  void update_changes_only_the_given_fields_and_never_a_declared_key() throws Exception {
    store.insert(new ProviderKey(null, "openai", "one", "sk-one-0123456789", 0, 1, List.of("x"), "old", 0, true, null,
        "api", null, null));
    Path file = Files.writeString(dir.resolve("keys.json"), """
        [ { "provider": "openai", "name": "one", "weight": 5 },
          { "provider": "openai", "name": "declared", "secret": "sk-other-0123456789" } ]
        """);
    CliFixture.Run run = cli.run("keys", "import", file.toString(), "--update");
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).containsPattern("entry 1 +openai +one +updated")
        .containsPattern("entry 2 +openai +declared +skipped +declared in the configuration file");
    ProviderKey one = find("openai", "one");
    assertThat(one.weight()).isEqualTo(5);
    assertThat(one.secret()).isEqualTo("sk-one-0123456789");
    assertThat(one.tags()).containsExactly("x");
    assertThat(store.list()).noneMatch(k -> k.name().equals("declared"));
  }

  @Test
  void one_invalid_entry_writes_nothing_and_each_entry_is_reported() throws Exception {
    Path file = Files.writeString(dir.resolve("keys.json"), """
        [ { "provider": "openai", "name": "fine", "secret": "sk-fine-0123456789" },
          { "provider": "nope", "name": "x", "secret": "s" },
          { "provider": "openai", "name": "masked", "secret": "sk-...6789" },
          { "provider": "openai", "name": "w", "secret": "sk-w-0123456789", "weight": 0 },
          { "provider": "openai", "name": "fine", "secret": "sk-again-0123456789" },
          { "provider": "openai", "name": "odd", "secret": "sk-odd-0123456789", "colour": "red" },
          { "provider": "openai", "name": "nosecret" } ]
        """);
    CliFixture.Run run = cli.run("keys", "import", file.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).containsPattern("entry 2 +nope +x +invalid +unknown provider 'nope'")
        .containsPattern("entry 3 .*invalid +'secret' is a masked hint")
        .containsPattern("entry 4 .*invalid +'weight' must be a whole number >= 1")
        .containsPattern("entry 5 .*invalid +the same key as entry 1")
        .containsPattern("entry 6 .*invalid +unknown field 'colour'")
        .containsPattern("entry 7 .*invalid +'secret' is required for a new key")
        .containsPattern("entry 1 +openai +fine +would be created").contains("6 of 7 entries invalid: nothing imported");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void a_dry_run_reports_and_writes_nothing() throws Exception {
    Path file = Files.writeString(dir.resolve("keys.json"),
        "[{\"provider\":\"openai\",\"name\":\"one\",\"secret\":\"sk-one-0123456789\"}]");
    CliFixture.Run run = cli.run("keys", "import", file.toString(), "--dry-run");
    assertThat(run.code()).isZero();
    assertThat(run.out()).containsPattern("openai +one +would be created").contains("dry run: nothing written");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void export_masks_secrets_unless_asked_and_an_export_with_secrets_imports_again() throws Exception {
    store.insert(new ProviderKey(null, "anthropic", "stored", "ant-stored-0123456789", 3, 2, List.of("a", "b"), "n", 10,
        false, "by hand", "api", null, null));
    CliFixture.Run masked = cli.run("keys", "export");
    assertThat(masked.code()).isZero();
    JsonNode keys = new ObjectMapper().readTree(masked.out());
    assertThat(keys).hasSize(2);
    assertThat(keys.get(0).path("name").asText()).isEqualTo("stored");
    assertThat(keys.get(0).path("secret_hint").asText()).isEqualTo("ant...6789");
    assertThat(keys.get(1).path("source").asText()).isEqualTo("config");
    assertThat(masked.out()).doesNotContain("ant-stored-0123456789").doesNotContain("sk-declared-0123456789");
    assertThat(masked.err()).isEmpty();

    CliFixture.Run csv = cli.run("keys", "export", "--provider", "openai", "--format", "csv");
    assertThat(csv.out()).isEqualTo("""
        provider,name,secret_hint,priority,weight,tags,notes,requests_per_minute,enabled,source
        openai,declared,sk-...6789,0,1,,,0,true,config
        """);

    Path out = dir.resolve("backup.csv");
    CliFixture.Run secrets = cli.run("keys", "export", "--provider", "anthropic", "--with-secrets", "--output", out.toString());
    assertThat(secrets.err()).contains("WARNING").contains("1 provider secrets in clear text");
    assertThat(Files.readString(out)).contains("ant-stored-0123456789");
    if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    }
    store.delete(find("anthropic", "stored").id());
    CliFixture.Run back = cli.run("keys", "import", out.toString());
    assertThat(back.code()).as(back.out()).isZero();
    ProviderKey restored = find("anthropic", "stored");
    assertThat(restored.secret()).isEqualTo("ant-stored-0123456789");
    assertThat(restored.tags()).containsExactly("a", "b");
    assertThat(restored.enabled()).isFalse();
    assertThat(restored.requestsPerMinute()).isEqualTo(10);
  }

  @Test
  void an_import_waits_for_a_write_the_gateway_holds_on_sqlite() throws Exception {
    if (dialect != Dialect.SQLITE) {
      return;
    }
    Path file = Files.writeString(dir.resolve("keys.json"),
        "[{\"provider\":\"openai\",\"name\":\"one\",\"secret\":\"sk-one-0123456789\"}]");
    CountDownLatch locked = new CountDownLatch(1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try (Connection c = DriverManager.getConnection(cli.storage.url()); Statement st = c.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        st.execute("UPDATE admin_users SET status = status");
        locked.countDown();
        Thread.sleep(1_000);
        st.execute("COMMIT");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    locked.await();
    CliFixture.Run run = cli.run("keys", "import", file.toString());
    writer.join();
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(find("openai", "one").secret()).isEqualTo("sk-one-0123456789");
  }

  @Test
  void usage_errors_exit_2() throws Exception {
    assertThat(cli.run("keys", "import", dir.resolve("missing.json").toString()).code()).isEqualTo(2);
    Path notJson = Files.writeString(dir.resolve("keys.json"), "{ nope");
    assertThat(cli.run("keys", "import", notJson.toString()).code()).isEqualTo(2);
    assertThat(cli.run("keys", "export", "--format", "xml").code()).isEqualTo(2);
    assertThat(cli.run("keys", "export", "--provider", "nope").code()).isEqualTo(2);
  }

  private ProviderKey find(String provider, String name) {
    return store.list().stream().filter(k -> k.providerId().equals(provider) && k.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no key " + provider + "/" + name));
  }
}
