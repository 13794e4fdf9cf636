package dev.keypool.relay.stage;

import dev.keypool.affinity.SessionAffinity;
import dev.keypool.catalog.ModelLimitCatalog;
import dev.keypool.keypool.KeyPool;
import dev.keypool.provider.WireFormats;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.ModelName;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.HeaderPolicy;
import dev.keypool.relay.KeepAlive;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.RetryLoop;
import dev.keypool.relay.SessionFields;
import dev.keypool.relay.Stage;
import dev.keypool.relay.TimeoutSweeper;
import dev.keypool.relay.translate.Translation;
import dev.keypool.relay.translate.Translations;
import dev.keypool.routing.ModelRoutes;
import dev.keypool.translate.ErrorMapping;
import dev.keypool.routing.RouteTable;
import dev.keypool.upstream.UpstreamClients;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

/**
 * The last stage: sends the request upstream with a pooled key, failing over across keys and then
 * across the route's fallback candidates until one answers or the attempts or the deadline run out.
 * Candidates of the other wire format serve chat through translation ({@link Translations}); a
 * fake stream gets keep-alives while its non-streamed upstream call runs ({@link KeepAlive}).
 */
public final class Forward implements Stage {
  private final TimeoutSweeper sweeper;
  private final Clock clock;
  private final RouteTable routes;
  private final KeyPool keyPool;
  private final UpstreamClients clients;
  private final WireFormats formats;
  private final HeaderPolicy headers;
  private final Translations translations;
  private final ModelLimitCatalog limits;
  private final SessionAffinity affinity;

  /**
   * @param limits the model limits that each attempt's output cap is held to
   * @param affinity the sessions whose requests stick to one key, on routes that ask for it
   */
  public Forward(TimeoutSweeper sweeper, Clock clock, RouteTable routes, KeyPool keyPool, UpstreamClients clients,
      WireFormats formats, HeaderPolicy headers, ModelLimitCatalog limits, SessionAffinity affinity) {
    this.sweeper = sweeper;
    this.affinity = affinity;
    this.limits = limits;
    this.clock = clock;
    this.routes = routes;
    this.keyPool = keyPool;
    this.clients = clients;
    this.formats = formats;
    this.headers = headers;
    this.translations = new Translations(clock, ErrorMapping.standard());
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    // One version of the table for the whole request: its candidates and the routing policy that goes with them.
    ModelRoutes table = routes.current();
    List<ModelRoutes.Target> targets = servable(table, ctx);
    if (targets.isEmpty()) {
      throw new ApiException(ErrorKind.INVALID_REQUEST, "unsupported_format",
          "The model " + ModelName.quoted(ctx.route().id()) + " is served only by providers of another wire format than "
              + ctx.endpoint().format().wireName() + ", and " + ctx.endpoint().path()
              + " is not translated between formats.", null);
    }
    Future<Void> call = new RetryLoop(sweeper, clock, ctx, targets, keyPool, clients, formats, headers, table.routing(),
        translations, limits).session(affinity.open(ctx.route(), source -> SessionFields.read(ctx, source))).run();
    if (Translation.fakeStream(ctx)) {
      KeepAlive.during(call, sweeper.vertx(), ctx, ctx.route().keepAlive());
    }
    return call;
  }

  /**
   * The route's candidates that can serve this endpoint: every candidate for chat (a candidate of the
   * other format is reached by translation), only same-format ones for the other operations.
   */
  private List<ModelRoutes.Target> servable(ModelRoutes table, RelayContext ctx) {
    List<ModelRoutes.Target> all = table.targets(ctx.route());
    return all.stream().filter(t -> ctx.endpoint().in(t.provider().format()) != null).toList();
  }
}
