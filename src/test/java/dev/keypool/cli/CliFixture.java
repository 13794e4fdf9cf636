package dev.keypool.cli;

import dev.keypool.Main;
import dev.keypool.config.StorageConfig;
import dev.keypool.storage.Database;
import dev.keypool.storage.SecretCipher;
import dev.keypool.testkit.Dialect;
import dev.keypool.testkit.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A configuration file over a fresh database (a SQLite file or a PostgreSQL schema) and the command line
 * run in-process against it, stdout and stderr captured. The file's providers are given as YAML; the
 * database is opened here too, with the file's encryption key, so tests can set it up and look at it.
 */
final class CliFixture implements AutoCloseable {
  static final String ENCRYPTION_KEY = SecretCipher.generateBase64Key();

  /** What a run printed and its exit code. */
  record Run(int code, String out, String err) {}

  final Path config;
  final StorageConfig storage;
  final Database db;
  final SecretCipher cipher = SecretCipher.fromBase64Key(ENCRYPTION_KEY);
  private final String schema;

  CliFixture(Dialect dialect, Path dir, String yaml) throws Exception {
    schema = dialect == Dialect.POSTGRES ? TestPostgres.newSchema() : null;
    String url = schema == null ? "jdbc:sqlite:" + dir.resolve("data/keypool.db") : TestPostgres.url(schema);
    String user = schema == null ? null : TestPostgres.USER;
    storage = new StorageConfig(url, user, schema == null ? null : TestPostgres.PASSWORD, ENCRYPTION_KEY, 2);
    config = Files.createDirectories(dir).resolve("keypool.yaml");
    Files.writeString(config, "storage: { url: \"%s\"%s, encryption_key: \"%s\" }\nadmin: { username: admin }\n%s"
        .formatted(url, user == null ? "" : ", user: " + user, ENCRYPTION_KEY, yaml));
    db = Database.open(storage);
  }

  /** Runs {@code keypool args...} with {@code --config} added after them. */
  Run run(String... args) {
    return runWithStdin(null, args);
  }

  Run runWithStdin(String stdin, String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    if (stdin != null) {
      InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
      ((ResetPasswordCommand) cli.getSubcommands().get("admin").getSubcommands().get("reset-password")
          .getCommand()).stdin = in;
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Override
  public void close() throws SQLException {
    db.close();
    if (schema != null) {
      TestPostgres.drop(schema);
    }
  }
}
