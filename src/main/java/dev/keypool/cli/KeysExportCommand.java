package dev.keypool.cli;

import dev.keypool.keypool.ProviderKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keypool keys export}: the provider keys the gateway uses (see {@link KeyInventory}), secrets
 * masked unless asked for; with them, a file written is readable by its owner only.
 */
@Command(name = "export", sortOptions = false,
    description = "Write the provider keys as JSON or CSV, secrets masked unless --with-secrets.")
public final class KeysExportCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Option(names = "--provider", paramLabel = "ID", description = "Only the keys of this provider.")
  String provider;

  @Option(names = "--format", paramLabel = "json|csv",
      description = "Output format (default: csv for an --output file ending in .csv, else json).")
  String format;

  @Option(names = "--with-secrets", description = "Write the secrets themselves (a warning goes to stderr).")
  boolean withSecrets;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() throws Exception {
    KeyFormat.Kind kind = KeyFormat.Kind.of(format, output == null ? "" : output.toString());
    List<ProviderKey> keys;
    try (Offline offline = Offline.open(config)) {
      if (provider != null) {
        offline.provider(provider);
      }
      keys = KeyInventory.read(offline).of(provider);
    }
    String text = KeyFormat.write(keys, kind, withSecrets);
    if (withSecrets) {
      spec.commandLine().getErr().println("keypool keys export: WARNING: the output holds " + keys.size()
          + " provider secrets in clear text; keep it as safe as the keys themselves");
      spec.commandLine().getErr().flush();
    }
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      write(output, text, withSecrets);
      spec.commandLine().getErr().println("keypool keys export: " + keys.size() + " keys written to " + output);
    }
    return 0;
  }

  private static void write(Path file, String text, boolean secret) throws Exception {
    if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text);
  }
}
