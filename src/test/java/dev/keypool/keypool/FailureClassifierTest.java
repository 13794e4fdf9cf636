package dev.keypool.keypool;

import static dev.keypool.keypool.FailureClassifier.classify;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  @Test
  void statuses_map_to_their_failure_classes() {
    assertThat(classify(401, "authentication_error", null, "invalid x-api-key")).isEqualTo(FailureClass.CREDENTIAL);
    assertThat(classify(402, null, null, "Insufficient credits")).isEqualTo(FailureClass.QUOTA);
    assertThat(classify(404, "not_found_error", null, "model: claude-x")).isEqualTo(FailureClass.MODEL_ACCESS);
    assertThat(classify(408, null, null, "timeout")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(409, null, null, "conflict")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(413, "request_too_large", null, "too big")).isEqualTo(FailureClass.CALLER_FAULT);
    assertThat(classify(422, null, null, "unprocessable")).isEqualTo(FailureClass.CALLER_FAULT);
    assertThat(classify(400, "invalid_request_error", null, "max_tokens too large")).isEqualTo(FailureClass.CALLER_FAULT);
    assertThat(classify(418, null, null, "teapot")).isEqualTo(FailureClass.CALLER_FAULT);
    assertThat(classify(500, "api_error", null, "internal")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(502, null, null, "bad gateway")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(504, null, null, "gateway timeout")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(599, null, null, "odd")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(503, null, null, "unavailable")).isEqualTo(FailureClass.OVERLOADED);
    assertThat(classify(529, "overloaded_error", null, "Overloaded")).isEqualTo(FailureClass.OVERLOADED);
    assertThat(classify(0, null, null, "connection reset")).isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void forbidden_is_a_credential_failure_unless_it_is_about_the_model() {
    assertThat(classify(403, "permission_error", null, "Your API key does not have permission"))
        .isEqualTo(FailureClass.CREDENTIAL);
    assertThat(classify(403, "invalid_request_error", "model_not_found", "The model `gpt-5` does not exist"))
        .isEqualTo(FailureClass.MODEL_ACCESS);
    assertThat(classify(403, null, null, "Project does not have access to model gpt-4o"))
        .isEqualTo(FailureClass.MODEL_ACCESS);
  }

  @Test
  void too_many_requests_is_quota_only_when_it_speaks_of_credit_or_plan_quota() {
    assertThat(classify(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details."))
        .isEqualTo(FailureClass.QUOTA);
    assertThat(classify(429, "requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o"))
        .isEqualTo(FailureClass.RATE_LIMIT);
    assertThat(classify(429, "rate_limit_error", null,
        "This request would exceed the rate limit for your organization of 50,000 input tokens per minute."))
        .isEqualTo(FailureClass.RATE_LIMIT);
    assertThat(classify(429, null, null,
        "Quota exceeded for metric: generate_content_free_tier_requests, limit: 15 per minute"))
        .isEqualTo(FailureClass.RATE_LIMIT);
  }

  @Test
  void an_exhausted_anthropic_credit_balance_is_quota_even_as_400() {
    assertThat(classify(400, "invalid_request_error", null,
        "Your credit balance is too low to access the Anthropic API.")).isEqualTo(FailureClass.QUOTA);
  }

  @Test
  void error_events_inside_a_200_stream_are_classified_by_type() {
    assertThat(classify(200, "overloaded_error", null, "Overloaded")).isEqualTo(FailureClass.OVERLOADED);
    assertThat(classify(200, "rate_limit_error", null, "slow down")).isEqualTo(FailureClass.RATE_LIMIT);
    assertThat(classify(200, "api_error", null, "internal")).isEqualTo(FailureClass.TRANSIENT);
    assertThat(classify(200, null, null, "stream broke")).isEqualTo(FailureClass.TRANSIENT);
  }

  @Test
  void gemini_errors_are_classified_by_their_google_status_and_reason() {
    assertThat(classify(400, "INVALID_ARGUMENT", "API_KEY_INVALID", "API key not valid. Please pass a valid API key."))
        .isEqualTo(FailureClass.CREDENTIAL);
    assertThat(classify(400, "INVALID_ARGUMENT", null, "API key not valid. Please pass a valid API key."))
        .isEqualTo(FailureClass.CREDENTIAL);
    assertThat(classify(400, "INVALID_ARGUMENT", null, "Request contains an invalid argument."))
        .isEqualTo(FailureClass.CALLER_FAULT);
    assertThat(classify(429, "RESOURCE_EXHAUSTED", null,
        "You exceeded your current quota, please check your plan and billing details.")).isEqualTo(FailureClass.RATE_LIMIT);
    assertThat(classify(403, "PERMISSION_DENIED", null, "Method doesn't allow unregistered callers"))
        .isEqualTo(FailureClass.CREDENTIAL);
    assertThat(classify(400, "FAILED_PRECONDITION", null, "User location is not supported for the API use."))
        .isEqualTo(FailureClass.QUOTA);
    assertThat(classify(503, "UNAVAILABLE", null, "The model is overloaded.")).isEqualTo(FailureClass.OVERLOADED);
    assertThat(classify(404, "NOT_FOUND", null, "models/gemini-9 is not found")).isEqualTo(FailureClass.MODEL_ACCESS);
  }
}
