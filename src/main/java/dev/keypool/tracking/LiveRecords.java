package dev.keypool.tracking;

import dev.keypool.live.LiveFeed;

/**
 * Hands each request record, as it is recorded, to whoever watches the live view. The recording side
 * (a proxy event loop) never waits; see {@link LiveFeed}.
 */
public final class LiveRecords extends LiveFeed<RequestRecord> {}
