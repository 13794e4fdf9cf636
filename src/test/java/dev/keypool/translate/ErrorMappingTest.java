package dev.keypool.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ProviderFormat;
import dev.keypool.provider.UpstreamError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
  private final ErrorMapping mapping = ErrorMapping.standard();

  @ParameterizedTest(name = "{0} {1} {2}/{3} -> {4} {5} {6}")
  @CsvSource(nullValues = "-", value = {
      "ANTHROPIC, 529, overloaded_error,      -,                  OPENAI,    503, server_error",
      "ANTHROPIC, 429, rate_limit_error,      -,                  OPENAI,    429, rate_limit_error",
      "ANTHROPIC, 401, authentication_error,  -,                  OPENAI,    401, invalid_request_error",
      "ANTHROPIC, 402, billing_error,         -,                  OPENAI,    429, insufficient_quota",
      "ANTHROPIC, 400, invalid_request_error, -,                  OPENAI,    400, invalid_request_error",
      "ANTHROPIC, 413, request_too_large,     -,                  OPENAI,    413, invalid_request_error",
      "ANTHROPIC, 500, api_error,             -,                  OPENAI,    500, server_error",
      "ANTHROPIC, 504, timeout_error,         -,                  OPENAI,    504, server_error",
      "OPENAI,    429, requests,              rate_limit_exceeded, ANTHROPIC, 429, rate_limit_error",
      "OPENAI,    429, insufficient_quota,    insufficient_quota,  ANTHROPIC, 402, billing_error",
      "OPENAI,    401, invalid_request_error, invalid_api_key,     ANTHROPIC, 401, authentication_error",
      "OPENAI,    403, -,                     -,                   ANTHROPIC, 403, permission_error",
      "OPENAI,    404, invalid_request_error, model_not_found,     ANTHROPIC, 404, not_found_error",
      "OPENAI,    503, -,                     -,                   ANTHROPIC, 529, overloaded_error",
      "OPENAI,    500, server_error,          -,                   ANTHROPIC, 500, api_error",
      "OPENAI,    400, invalid_request_error, -,                   ANTHROPIC, 400, invalid_request_error",
      "OPENAI,    0,   server_error,          -,                   ANTHROPIC, 500, api_error",
      "ANTHROPIC, 0,   overloaded_error,      -,                   OPENAI,    503, server_error",
      "GEMINI,    429, RESOURCE_EXHAUSTED,    -,                   OPENAI,    429, rate_limit_error",
      "GEMINI,    429, RESOURCE_EXHAUSTED,    -,                   ANTHROPIC, 429, rate_limit_error",
      "GEMINI,    503, UNAVAILABLE,           -,                   OPENAI,    503, server_error",
      "GEMINI,    503, UNAVAILABLE,           -,                   ANTHROPIC, 529, overloaded_error",
      "GEMINI,    400, INVALID_ARGUMENT,      -,                   OPENAI,    400, invalid_request_error",
      "GEMINI,    400, INVALID_ARGUMENT,      API_KEY_INVALID,     ANTHROPIC, 401, authentication_error",
      "GEMINI,    400, FAILED_PRECONDITION,   -,                   ANTHROPIC, 402, billing_error",
      "GEMINI,    403, PERMISSION_DENIED,     -,                   OPENAI,    403, permission_error",
      "GEMINI,    404, NOT_FOUND,             -,                   ANTHROPIC, 404, not_found_error",
      "GEMINI,    500, INTERNAL,              -,                   OPENAI,    500, server_error",
      "GEMINI,    504, DEADLINE_EXCEEDED,     -,                   ANTHROPIC, 504, timeout_error",
      "GEMINI,    0,   UNAVAILABLE,           -,                   OPENAI,    503, server_error",
      "GEMINI,    429, -,                     -,                   OPENAI,    429, rate_limit_error",
      "OPENAI,    429, requests,              rate_limit_exceeded, GEMINI,    429, RESOURCE_EXHAUSTED",
      "OPENAI,    429, insufficient_quota,    insufficient_quota,  GEMINI,    400, FAILED_PRECONDITION",
      "OPENAI,    401, invalid_request_error, invalid_api_key,     GEMINI,    401, UNAUTHENTICATED",
      "ANTHROPIC, 529, overloaded_error,      -,                   GEMINI,    503, UNAVAILABLE",
      "ANTHROPIC, 413, request_too_large,     -,                   GEMINI,    400, INVALID_ARGUMENT",
      "ANTHROPIC, 504, timeout_error,         -,                   GEMINI,    504, DEADLINE_EXCEEDED",
      "ANTHROPIC, 500, api_error,             -,                   GEMINI,    500, INTERNAL"})
  void maps_upstream_errors_to_the_client_format(ProviderFormat upstream, int status, String type, String code,
      ProviderFormat client, int expectedStatus, String expectedType) {
    ClientError e = mapping.map(upstream, status, new UpstreamError(type, code, "boom"), client);
    assertThat(e.status()).isEqualTo(expectedStatus);
    assertThat(e.type()).isEqualTo(expectedType);
    assertThat(e.message()).isEqualTo("boom");
  }

  @org.junit.jupiter.api.Test
  void renders_each_format_body() {
    ClientError openAi = mapping.map(ProviderFormat.ANTHROPIC, 529, new UpstreamError("overloaded_error", null,
        "Overloaded"), ProviderFormat.OPENAI);
    assertThat(Nodes.parse(mapping.body(ProviderFormat.OPENAI, openAi).toString())).isEqualTo(Nodes.parse(
        "{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":\"service_unavailable\"}}"));
    ClientError anthropic = mapping.map(ProviderFormat.OPENAI, 429, new UpstreamError(null, null, null),
        ProviderFormat.ANTHROPIC);
    assertThat(Nodes.parse(mapping.body(ProviderFormat.ANTHROPIC, anthropic).toString())).isEqualTo(Nodes.parse(
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"upstream error (HTTP 429)\"}}"));
  }

  @org.junit.jupiter.api.Test
  void renders_gemini_errors_as_google_api_errors() {
    ClientError gemini = mapping.map(ProviderFormat.ANTHROPIC, 529, new UpstreamError("overloaded_error", null,
        "Overloaded"), ProviderFormat.GEMINI);
    assertThat(Nodes.parse(mapping.body(ProviderFormat.GEMINI, gemini).toString())).isEqualTo(Nodes.parse(
        "{\"error\":{\"code\":503,\"message\":\"Overloaded\",\"status\":\"UNAVAILABLE\"}}"));
  }
}
