package dev.keypool.config;

import java.time.Duration;

/**
 * Request limits: the body size of the proxy port, and the read deadlines of both listeners. A
 * request's line and headers must arrive within {@code headerTimeout} (from the connection's accept,
 * or from the first byte of the next request on a kept-alive connection), its whole body within
 * {@code bodyTimeout} of its headers, so that a client trickling bytes cannot hold a connection.
 * At shutdown, requests and streams in flight get {@code drainTimeout} to finish before they are cut.
 */
public record LimitsConfig(long maxBodyBytes, Duration headerTimeout, Duration bodyTimeout, Duration drainTimeout) {}
