package dev.keypool.cli;

import dev.keypool.config.ConfigException;
import dev.keypool.reload.ConfigSource;
import dev.keypool.reload.ReloadSignal;
import dev.keypool.server.Gateway;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the gateway until the process is asked to stop, then shuts it down. */
@Command(name = "serve", description = "Run the gateway (proxy port and admin port).")
public final class ServeCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws Exception {
    Gateway gateway;
    try {
      gateway = Gateway.start(config.load(), Clock.systemUTC());
    } catch (ConfigException e) {
      System.err.println("keypool: invalid configuration in " + config.path() + ":\n" + e.getMessage());
      return 2;
    }
    // POST /api/config/reload and SIGHUP read the same file, with the same environment, again.
    ReloadSignal.install(gateway.reloadFrom(ConfigSource.file(config.path(), System.getenv())));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "keypool-shutdown"));
    stopped.await();
    return 0;
  }
}
