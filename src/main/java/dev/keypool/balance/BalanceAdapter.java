package dev.keypool.balance;

import io.vertx.core.Future;

/** Reads one key's balance from one kind of provider endpoint. */
public interface BalanceAdapter {

  /** The name used in the configuration and the API ({@code deepseek}, {@code custom}...). */
  String name();

  /** Asks the provider; fails with a {@link BalanceException} saying what went wrong. */
  Future<Fetched> fetch(BalanceTarget target, BalanceHttp http);
}
