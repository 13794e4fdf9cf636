package dev.keypool.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescriptorBudgetTest {

  @Test
  void caps_that_fit_the_open_file_limit_stand() {
    DescriptorBudget b = DescriptorBudget.compute(65_536, 12_000, 256, 1_536);
    assertThat(b.proxyCap()).isEqualTo(12_000);
    assertThat(b.lowered()).isFalse();
  }

  @Test
  void the_proxy_cap_is_lowered_so_that_the_admin_port_and_the_upstreams_keep_their_descriptors() {
    DescriptorBudget b = DescriptorBudget.compute(20_000, 50_000, 256, 2_048);
    int refusals = 2 * ConnectionGuard.POLITE_REFUSALS;
    assertThat(b.proxyCap()).isEqualTo(20_000 - DescriptorBudget.RESERVE - 2_048 - 256 - refusals);
    assertThat(b.proxyCap() + b.adminCap() + b.upstream() + refusals + DescriptorBudget.RESERVE).isEqualTo(20_000);
    assertThat(b.lowered()).isTrue();
  }

  @Test
  void a_tiny_limit_still_leaves_the_proxy_a_few_connections_and_says_so() {
    DescriptorBudget b = DescriptorBudget.compute(1_024, 12_000, 256, 1_536);
    assertThat(b.proxyCap()).isEqualTo(DescriptorBudget.MIN_PROXY_CAP);
    assertThat(b.lowered()).isTrue();
  }

  @Test
  void an_unknown_limit_keeps_the_configured_caps() {
    assertThat(DescriptorBudget.compute(-1, 12_000, 256, 1_536).proxyCap()).isEqualTo(12_000);
  }

  @Test
  void this_process_reports_its_limit() {
    assertThat(DescriptorBudget.openFileLimit()).isGreaterThan(0);
    assertThat(DescriptorBudget.openFiles()).isGreaterThan(0);
  }
}
