package dev.keypool.balance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SiliconFlow: {@code GET {base}/user/info} answers {@code code} 20000 and {@code data} with
 * {@code totalBalance} (what can be spent), {@code balance} (granted) and {@code chargeBalance}
 * (topped up), all strings. The currency is the platform's: yuan on {@code .cn}, dollars elsewhere.
 */
final class SiliconFlowBalance implements BalanceAdapter {
  @Override
  public String name() {
    return "siliconflow";
  }

  @Override
  public Future<Fetched> fetch(BalanceTarget t, BalanceHttp http) {
    return http.get(t.baseUrl() + "/user/info", t.secret()).map(root -> {
      boolean failed = (root.path("code").isNumber() && root.path("code").asInt() != 20000)
          || (root.path("status").isBoolean() && !root.path("status").asBoolean());
      if (failed) {
        throw new BalanceException("the answer says code " + root.path("code").asText("?") + ": " + BalanceHttp.message(root));
      }
      JsonNode data = root.path("data");
      BigDecimal total = Decimals.required(data.path("totalBalance"), "data.totalBalance");
      Map<String, BigDecimal> details = new LinkedHashMap<>();
      BigDecimal granted = Decimals.optional(data.path("balance"), "balance");
      BigDecimal charged = Decimals.optional(data.path("chargeBalance"), "chargeBalance");
      if (granted != null) {
        details.put("granted_balance", granted);
      }
      if (charged != null) {
        details.put("charge_balance", charged);
      }
      return new Fetched(List.of(BalanceAmount.of(t.currencyByHost(), total)), null, details, null);
    });
  }
}
