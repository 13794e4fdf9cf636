package dev.keypool.settings;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ProviderConfig;
import java.util.List;

/**
 * The providers in effect and which of them were changed at run time (stored in the database). The
 * settings view reports a changed provider's values as {@code database}; a provider store that lets
 * operators edit providers implements this and is handed to the view in place of {@link #fileOnly}.
 */
public interface ProviderSource {

  /** Every provider in effect, those of the file first in file order. */
  List<ProviderConfig> providers();

  /** Whether provider {@code id} was added or changed at run time rather than declared as it is in the file. */
  boolean changedAtRunTime(String id);

  /** The file's providers, none changed at run time. */
  static ProviderSource fileOnly(GatewayConfig config) {
    return new ProviderSource() {
      @Override
      public List<ProviderConfig> providers() {
        return config.providers();
      }

      @Override
      public boolean changedAtRunTime(String id) {
        return false;
      }
    };
  }
}
