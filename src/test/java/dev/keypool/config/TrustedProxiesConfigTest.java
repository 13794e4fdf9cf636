package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code listeners.<port>.trusted_proxies}: empty by default, CIDR blocks or addresses, bad entries named. */
class TrustedProxiesConfigTest {

  @Test
  void no_proxy_is_trusted_by_default() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL);

    assertThat(c.listeners().proxy().trustedProxies().isEmpty()).isTrue();
    assertThat(c.listeners().admin().trustedProxies().isEmpty()).isTrue();
  }

  @Test
  void each_port_has_its_own_list() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        listeners:
          proxy: { trusted_proxies: [10.0.0.0/8, "2001:db8::/32", 192.0.2.10] }
          admin: { trusted_proxies: [127.0.0.1] }
        """);

    assertThat(c.listeners().proxy().trustedProxies().entries()).containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.10");
    assertThat(c.listeners().proxy().trustedProxies().allows("10.20.30.40")).isTrue();
    assertThat(c.listeners().admin().trustedProxies().entries()).isEqualTo(List.of("127.0.0.1"));
  }

  @Test
  void a_bad_entry_is_an_error_naming_it() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "listeners: { proxy: { trusted_proxies: [lb.internal] } }\n"))
        .containsExactly("listeners.proxy.trusted_proxies: 'lb.internal' is not an IP address or CIDR block"
            + " (e.g. 10.0.0.0/8, 2001:db8::/32)");
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + "listeners: { admin: { trusted_proxies: [10.0.0.0/33] } }\n"))
        .containsExactly("listeners.admin.trusted_proxies: '10.0.0.0/33' has a prefix length outside 0-32");
  }
}
