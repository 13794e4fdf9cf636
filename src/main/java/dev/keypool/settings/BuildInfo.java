package dev.keypool.settings;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts fixed when Keypool was built: its version, from a resource the build writes. */
public final class BuildInfo {
  private static final String RESOURCE = "/dev/keypool/build.properties";
  private static final String VERSION = readVersion();

  private BuildInfo() {}

  /** The project version ({@code 0.1.0}), or {@code unknown} in a build that did not write it. */
  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        // An unfiltered copy still holds the placeholder.
        if (!v.isBlank() && !v.contains("${")) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String manifest = BuildInfo.class.getPackage().getImplementationVersion();
    return manifest == null ? "unknown" : manifest;
  }
}
