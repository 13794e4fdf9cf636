package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code billing.groups} and {@code billing.default_group}: binding, defaults and each validation rule. */
class UserGroupsConfigTest {

  @Test
  void groups_are_read_exactly_with_their_names_defaulting_to_their_ids() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        billing:
          sell_multiplier: 1.5
          groups:
            vip: { name: "VIP customers", sell_multiplier: 1.2 }
            staff: { sell_multiplier: "0" }
          default_group: staff
        """);

    assertThat(c.billing().sellMultiplier()).isEqualTo(new BigDecimal("1.5"));
    assertThat(c.billing().groups()).isEqualTo(Map.of(
        "vip", new BillingConfig.Group("VIP customers", new BigDecimal("1.2")),
        "staff", new BillingConfig.Group("staff", new BigDecimal("0"))));
    assertThat(c.billing().defaultGroup()).isEqualTo("staff");
  }

  @Test
  void without_groups_there_is_no_default_group() {
    BillingConfig b = TestConfigs.parse(TestConfigs.MINIMAL).billing();

    assertThat(b.groups()).isEmpty();
    assertThat(b.defaultGroup()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      billing: { groups: { vip: { } } }                                | billing.groups.vip.sell_multiplier: required (what the group's users are charged per USD of cost, e.g. 1.2)
      billing: { groups: { vip: { sell_multiplier: -0.5 } } }          | billing.groups.vip.sell_multiplier: must be >= 0 (was -0.5)
      billing: { groups: { VIP: { sell_multiplier: 1 } } }             | billing.groups.VIP: a group id must be 1-64 of a-z 0-9 _ . - starting with a letter or digit
      billing: { groups: { vip: { sell_multiplier: 1, rate: 2 } } }    | billing.groups.vip.rate: unknown field (allowed: name, sell_multiplier)
      billing: { groups: { vip: { sell_multiplier: 1 } }, default_group: gold } | billing.default_group: must name a group of billing.groups (was "gold"; declared: [vip])
      billing: { default_group: vip }                                  | billing.default_group: must name a group of billing.groups (was "vip"; declared: [])
      """)
  void rule(String section, String message) {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + section + "\n")).contains(message);
  }
}
