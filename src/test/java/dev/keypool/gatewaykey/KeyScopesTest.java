package dev.keypool.gatewaykey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyScopesTest {

  @Test
  void model_patterns_are_globs_over_the_whole_id() {
    ModelPatterns p = new ModelPatterns(List.of("gpt-4o*", "anthropic/*", "o?-mini"));
    assertThat(p.allows("gpt-4o")).isTrue();
    assertThat(p.allows("gpt-4o-mini")).isTrue();
    assertThat(p.allows("anthropic/claude-sonnet-4-5")).isTrue();
    assertThat(p.allows("o3-mini")).isTrue();
    assertThat(p.allows("gpt-4")).isFalse();
    assertThat(p.allows("xgpt-4o")).isFalse();
    assertThat(p.allows("openai/anthropic/x")).isFalse();
    assertThat(ModelPatterns.ANY.allows("anything")).isTrue();
    assertThat(ModelPatterns.matches("*a*b*", "xxaxxbxx")).isTrue();
    assertThat(ModelPatterns.matches("*a*b", "xxaxxbxx")).isFalse();
    assertThatThrownBy(() -> new ModelPatterns(List.of(" "))).hasMessageContaining("model pattern");
  }

  @Test
  void ip_allow_list_matches_ipv4_and_ipv6_blocks_and_single_addresses() {
    IpAllowList ips = new IpAllowList(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "172.16.0.0/12"));
    assertThat(ips.allows("10.200.3.4")).isTrue();
    assertThat(ips.allows("192.168.1.7")).isTrue();
    assertThat(ips.allows("192.168.1.8")).isFalse();
    assertThat(ips.allows("172.31.255.255")).isTrue();
    assertThat(ips.allows("172.32.0.1")).isFalse();
    assertThat(ips.allows("2001:db8:0:0:0:0:0:1")).isTrue();
    assertThat(ips.allows("2001:db9::1")).isFalse();
    assertThat(ips.allows("::ffff:10.1.1.1")).as("IPv4-mapped IPv6").isTrue();
    assertThat(ips.allows("localhost")).isFalse();
    assertThat(ips.allows(null)).isFalse();
    assertThat(IpAllowList.ANY.allows("1.2.3.4")).isTrue();
    assertThat(new IpAllowList(List.of("0.0.0.0/0")).allows("8.8.8.8")).isTrue();
  }

  @Test
  void bad_ip_entries_are_refused_naming_the_entry() {
    assertThatThrownBy(() -> new IpAllowList(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> new IpAllowList(List.of("example.com"))).hasMessageContaining("example.com");
    assertThatThrownBy(() -> new IpAllowList(List.of("10.0.0"))).hasMessageContaining("10.0.0");
    assertThatThrownBy(() -> new IpAllowList(List.of("::1/129"))).hasMessageContaining("::1/129");
  }

  @Test
  void permissions_parse_and_default_to_read_and_write() {
    assertThat(Permission.parseAll(List.of("read", "admin"))).containsExactlyInAnyOrder(Permission.READ, Permission.ADMIN);
    assertThatThrownBy(() -> Permission.parseAll(List.of("root"))).hasMessageContaining("root");
    assertThatThrownBy(() -> Permission.parseAll(List.of())).hasMessageContaining("at least one");
    GatewayKey k = GatewayKey.issue("k", "h", "hint");
    assertThat(k.allows(Permission.READ)).isTrue();
    assertThat(k.allows(Permission.WRITE)).isTrue();
    assertThat(k.allows(Permission.ADMIN)).isFalse();
    assertThat(k.toBuilder().permissions(Set.of(Permission.ADMIN)).build().allows(Permission.ADMIN)).isTrue();
  }
}
