package dev.keypool.relay.stage;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.gatewaykey.Permission;
import dev.keypool.relay.CallerCheck;
import dev.keypool.relay.Chain;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.Stage;
import dev.keypool.tenancy.Directory;
import io.vertx.core.Future;

/**
 * Identifies the caller from its gateway key, accepted as {@code Authorization: Bearer},
 * {@code x-api-key} (every Anthropic API version), or {@code x-goog-api-key} / {@code ?key=} (Gemini),
 * and admits it for inference (the {@code write} permission) as {@link CallerCheck} describes.
 */
public final class Authenticate implements Stage {
  private final CallerCheck check;
  private final Directory directory;

  public Authenticate(CallerCheck check, Directory directory) {
    this.check = check;
    this.directory = directory;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    GatewayKey caller = check.admit(ctx.request(), Permission.WRITE);
    ctx.caller(caller);
    var org = directory.effectiveOrg(caller);
    ctx.callerOrgId(org == null ? caller.orgId() : org.id());
    return chain.proceed(ctx);
  }
}
