package dev.keypool.storage;

import dev.keypool.config.StorageConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file that holds the encryption key when none is configured: read if present, otherwise
 * generated once (owner-only permissions where the file system has them) and reused on every start.
 * Losing it makes every stored provider secret unreadable, hence the loud warning on creation.
 */
public final class KeyFile {

  private static final Logger log = LoggerFactory.getLogger(KeyFile.class);
  static final String DEFAULT_NAME = "keypool.key";

  private KeyFile() {}

  /** Where the key file goes by default: beside the SQLite file, else under {@code data/}. */
  public static Path defaultPath(StorageConfig cfg) {
    Path dir = cfg.isSqlite()
        ? SqliteUrl.file(cfg.url()).map(Path::toAbsolutePath).map(Path::getParent).orElse(Path.of("data"))
        : Path.of("data");
    return dir.resolve(DEFAULT_NAME);
  }

  static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      return create(file);
    } catch (IOException e) {
      throw new StorageException("cannot read or create encryption key file " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  private static String read(Path file) throws IOException {
    String key = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("encryption key file " + file.toAbsolutePath() + " is empty");
    }
    return key;
  }

  private static String create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String key = SecretCipher.generateBase64Key();
    try {
      if (parent != null && Files.getFileStore(parent).supportsFileAttributeView("posix")) {
        // Created with 0600 from the start so the key is never readable by others, even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      return read(file);
    }
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    log.warn("Generated a new encryption key for provider secrets at {}. Back this file up: without it the "
        + "stored provider keys cannot be decrypted. Set storage.encryption_key to manage the key yourself.",
        file.toAbsolutePath());
    return key;
  }
}
