package dev.keypool.provider;

import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.anthropic.AnthropicWire;
import dev.keypool.provider.gemini.GeminiWire;
import dev.keypool.provider.openai.OpenAiWire;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The registry of wire formats, one per {@link ProviderFormat}. */
public final class WireFormats {
  private final Map<ProviderFormat, WireFormat> byId = new EnumMap<>(ProviderFormat.class);

  public WireFormats(List<WireFormat> formats) {
    for (WireFormat f : formats) {
      byId.put(f.id(), f);
    }
    for (ProviderFormat id : ProviderFormat.values()) {
      if (!byId.containsKey(id)) {
        throw new IllegalStateException("no wire format registered for " + id);
      }
    }
  }

  /** Every format Keypool ships. */
  public static WireFormats standard() {
    return new WireFormats(List.of(new OpenAiWire(), new AnthropicWire(), new GeminiWire()));
  }

  public WireFormat get(ProviderFormat id) {
    return byId.get(id);
  }
}
