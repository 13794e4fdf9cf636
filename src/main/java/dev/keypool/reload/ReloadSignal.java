package dev.keypool.reload;

import dev.keypool.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -HUP <pid>} reloads the configuration, as daemons conventionally do. Installed by the
 * {@code serve} command only: tests run many gateways in one JVM and call {@link #action} directly.
 */
public final class ReloadSignal {
  private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

  private ReloadSignal() {}

  /**
   * Handles {@code SIGHUP} from now on. The JDK has no supported signal API; {@code sun.misc.Signal}
   * (module {@code jdk.unsupported}, exported on purpose for this kind of use) is the stable way in.
   * Where there is no {@code SIGHUP} (Windows) nothing is installed and the admin API remains.
   */
  public static void install(ConfigReload reload) {
    Runnable action = action(reload);
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal ->
          // Off the JVM's signal thread: a reload writes to the database and may take a moment.
          Thread.ofPlatform().name("keypool-reload").daemon().start(action));
      log.debug("SIGHUP reloads the configuration");
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.info("no SIGHUP on this system ({}): reload with POST /api/config/reload", e.getMessage());
    }
  }

  /**
   * What a {@code SIGHUP} does: reload, with the outcome in the server log only (there is nobody to
   * answer). An invalid file is logged by {@link ConfigReload} and changes nothing.
   */
  public static Runnable action(ConfigReload reload) {
    return () -> {
      try {
        reload.reload();
      } catch (ConfigException e) {
        // Already logged with every problem by the reload itself.
      } catch (RuntimeException e) {
        log.error("configuration reload failed", e);
      }
    };
  }
}
