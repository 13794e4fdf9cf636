package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.ManualClock;
import dev.keypool.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Run-time providers at rest: their header values and proxy credentials are never stored in plain text. */
@ParameterizedClass
@EnumSource(Dialect.class)
class ProviderStoreTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROXY = "http://proxy-user:proxy-pass-7f3a@10.0.0.7:3128";
  static final String HEADER = "org-token-secret-91c2";

  @Parameter Dialect dialect;
  @TempDir Path tempDir;
  final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
  final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key());
  TestDatabase t;
  ProviderStore store;

  @BeforeEach
  void open() {
    t = TestDatabase.open(dialect, tempDir);
    store = new ProviderStore(t.dataSource(), cipher, clock);
  }

  @AfterEach
  void close() throws SQLException {
    if (t != null) {
      t.close();
    }
  }

  static ObjectNode definition() throws Exception {
    return (ObjectNode) JSON.readTree("""
        {"id": "reseller", "format": "openai", "base_url": "https://api.example.com/v1",
         "headers": {"x-org-token": "%s"}, "proxy": "%s"}
        """.formatted(HEADER, PROXY));
  }

  /** Every column of every row of {@code providers}, as one text. */
  String rawRows() throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = t.dataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM providers")) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          out.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
        }
      }
    }
    return out.toString();
  }

  @Test
  void header_values_and_the_proxy_are_stored_encrypted_and_read_back_as_given() throws Exception {
    store.put("reseller", definition());

    String raw = rawRows();
    assertThat(raw).contains("reseller", "api.example.com")
        .doesNotContain(HEADER, "proxy-pass", "proxy-user", "10.0.0.7");
    assertThat(store.all().get("reseller")).contains(definition());
  }

  @Test
  void a_row_written_with_its_proxy_in_plain_text_still_works_and_is_encrypted_at_the_next_start() throws Exception {
    // As an older version wrote it: the proxy URL inside the definition, the headers already encrypted.
    ObjectNode old = definition();
    old.remove("headers");
    t.execute("INSERT INTO providers (id, definition, headers, removed, updated_at) VALUES ('reseller', '"
        + old + "', '" + cipher.encrypt("{\"x-org-token\":\"" + HEADER + "\"}") + "', " + (t.postgres() ? "false" : "0")
        + ", 1)");
    assertThat(rawRows()).contains("proxy-pass");
    assertThat(store.all().get("reseller")).contains(definition());

    assertThat(store.sealPlainSecrets()).containsExactly("reseller");

    assertThat(rawRows()).doesNotContain(HEADER, "proxy-pass", "proxy-user");
    assertThat(store.all().get("reseller")).contains(definition());
    assertThat(store.sealPlainSecrets()).isEmpty();
  }

  @Test
  void a_removal_and_a_provider_without_secrets_store_none() throws Exception {
    store.put("plain", (ObjectNode) JSON.readTree("{\"id\": \"plain\", \"base_url\": \"https://x.example/v1\"}"));
    store.markRemoved("gone");
    assertThat(store.sealPlainSecrets()).isEmpty();
    assertThat(store.all().get("plain")).hasValueSatisfying(d -> assertThat(d.has("proxy") || d.has("headers")).isFalse());
    assertThat(store.all().get("gone")).isEmpty();
  }
}
