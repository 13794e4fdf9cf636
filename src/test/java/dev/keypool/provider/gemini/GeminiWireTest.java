package dev.keypool.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.UpstreamError;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.ErrorKind;
import dev.keypool.translate.ErrorCategory;
import dev.keypool.translate.ErrorMapping;
import dev.keypool.translate.Nodes;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class GeminiWireTest {
  private final GeminiWire wire = new GeminiWire();

  @Test
  void reads_the_retry_delay_of_a_rate_limit() {
    assertThat(wire.retryAfter(Buffer.buffer("""
        {"error":{"code":429,"message":"You exceeded your current quota","status":"RESOURCE_EXHAUSTED","details":[
          {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"13.5s"}]}}""")))
        .isEqualTo(java.time.Duration.ofMillis(13_500));
    assertThat(wire.retryAfter(Buffer.buffer("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\"}}"))).isNull();
    assertThat(wire.retryAfter(Buffer.buffer("not json"))).isNull();
  }

  @Test
  void reads_status_and_error_info_reason_of_an_upstream_error() {
    UpstreamError e = wire.parseError(Buffer.buffer("""
        {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
          "status": "INVALID_ARGUMENT", "details": [
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
             "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}}]}}"""));
    assertThat(e).isEqualTo(new UpstreamError("INVALID_ARGUMENT", "API_KEY_INVALID",
        "API key not valid. Please pass a valid API key."));
    assertThat(ErrorMapping.standard().classify(ProviderFormat.GEMINI, 400, e)).isEqualTo(ErrorCategory.AUTHENTICATION);
  }

  @Test
  void rate_limit_with_quota_details_is_rate_limited() {
    UpstreamError e = wire.parseError(Buffer.buffer("""
        {"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
          "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "22s"}]}}"""));
    assertThat(e).isEqualTo(new UpstreamError("RESOURCE_EXHAUSTED", null, "You exceeded your current quota."));
    assertThat(ErrorMapping.standard().classify(ProviderFormat.GEMINI, 429, e)).isEqualTo(ErrorCategory.RATE_LIMITED);
  }

  @Test
  void reads_the_array_body_of_a_stream_call_without_alt_sse() {
    UpstreamError e = wire.parseError(Buffer.buffer("""
        [{"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}]"""));
    assertThat(e).isEqualTo(new UpstreamError("UNAVAILABLE", null, "The model is overloaded."));
    assertThat(wire.parseError(Buffer.buffer("not json"))).isEqualTo(UpstreamError.EMPTY);
  }

  @Test
  void renders_keypool_errors_as_google_api_errors() {
    assertThat(Nodes.parse(wire.errorBody(new ApiException(ErrorKind.RATE_LIMITED, "Slow down.")).toString()))
        .isEqualTo(Nodes.parse("{\"error\":{\"code\":429,\"message\":\"Slow down.\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
    assertThat(Nodes.parse(wire.errorBody(new ApiException(ErrorKind.AUTHENTICATION, "invalid_api_key",
        "Invalid API key.", null)).toString())).isEqualTo(Nodes.parse("""
        {"error": {"code": 401, "message": "Invalid API key.", "status": "UNAUTHENTICATED", "details": [
          {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "invalid_api_key", "domain": "keypool"}]}}"""));
  }

  @Test
  void stream_error_event_uses_gemini_framing() {
    assertThat(wire.streamErrorEvent("api_error", "interrupted").toString())
        .isEqualTo("data: {\"error\":{\"code\":500,\"message\":\"interrupted\",\"status\":\"INTERNAL\"}}\r\n\r\n");
    assertThat(wire.streamErrorEvent("UNAVAILABLE", "busy").toString())
        .isEqualTo("data: {\"error\":{\"code\":503,\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n");
  }
}
