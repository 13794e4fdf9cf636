package dev.keypool.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UrlsTest {

  @Test
  void sqlite_file_is_read_from_the_plain_and_file_forms() {
    assertThat(SqliteUrl.file("jdbc:sqlite:data/keypool.db")).contains(Path.of("data/keypool.db"));
    assertThat(SqliteUrl.file("jdbc:sqlite:file:/var/kp.db?journal_mode=WAL")).contains(Path.of("/var/kp.db"));
    assertThat(SqliteUrl.file("jdbc:sqlite::memory:")).isEmpty();
  }

  @Test
  void postgres_current_schema_is_the_first_listed() {
    assertThat(PostgresUrl.currentSchema("jdbc:postgresql://h/db?ssl=false&currentSchema=kp,public")).contains("kp");
    assertThat(PostgresUrl.currentSchema("jdbc:postgresql://h/db")).isEmpty();
  }

  @Test
  void passwords_are_masked_in_urls() {
    assertThat(Database.redact("jdbc:postgresql://h/db?user=a&password=s3cret&x=1"))
        .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&x=1");
  }
}
