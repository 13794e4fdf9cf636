package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The global {@code proxy} section and a provider's {@code proxy} field. */
class ProxyConfigTest {

  @Test
  void urls_with_credentials_default_ports_and_no_proxy_are_read() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        proxy: { url: "http://team:p%40ss@proxy.internal", no_proxy: [localhost, .corp.example] }
        """);
    assertThat(c.proxy()).isEqualTo(new ProxyConfig(ProxyConfig.Type.HTTP, "proxy.internal", 80, "team", "p@ss",
        List.of("localhost", ".corp.example")));
    assertThat(c.proxy().toString()).doesNotContain("p@ss").contains("http://team:****@proxy.internal:80");
    assertThat(c.proxy().bypasses("LOCALHOST")).isTrue();
    assertThat(c.proxy().bypasses("api.corp.example")).isTrue();
    assertThat(c.proxy().bypasses("corp.example")).isTrue();
    assertThat(c.proxy().bypasses("notcorp.example")).isFalse();
    assertThat(c.proxy().bypasses("api.openai.com")).isFalse();
    assertThat(TestConfigs.parse(TestConfigs.MINIMAL).proxy()).isNull();
  }

  @Test
  void a_provider_has_its_own_socks5_proxy_or_none() {
    String yaml = TestConfigs.ONE_PROVIDER.replaceFirst("(?m)^(\\s+)format: openai$", "$1format: openai\n$1proxy: socks5h://10.0.0.1");
    assertThat(yaml).contains("proxy: socks5h");
    ProviderConfig p = TestConfigs.parse(yaml).providers().getFirst();
    assertThat(p.proxy()).isEqualTo(new ProxyConfig(ProxyConfig.Type.SOCKS5, "10.0.0.1", 1080, null, null, List.of()));
    ProviderConfig direct = TestConfigs.parse(yaml.replace("socks5h://10.0.0.1", "none")).providers().getFirst();
    assertThat(direct.proxy()).isEqualTo(ProxyConfig.DIRECT);
    // Through the JSON form the admin API stores, the proxy survives with its credentials.
    ProviderConfig withUser = TestConfigs.parse(yaml.replace("socks5h://10.0.0.1", "\"socks5://u:p%20w@h:9\""))
        .providers().getFirst();
    assertThat(ProviderDefinitions.parse(withUser.id(), ProviderDefinitions.toJson(withUser), List.of()).proxy())
        .isEqualTo(withUser.proxy());
  }

  @Test
  void bad_urls_are_named_without_echoing_them() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        proxy: { url: "ftp://u:secret@h:21", port: 3 }
        """, Map.of())).containsExactlyInAnyOrder(
        "proxy.url: must be http://[user:password@]host[:port] or socks5://[user:password@]host[:port] "
            + "(was a URL with scheme \"ftp\")",
        "proxy.port: unknown field (allowed: url, no_proxy)");
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "proxy: { url: \"http://h:1/path\" }\n", Map.of()))
        .singleElement().asString().contains("a path or query");
  }
}
