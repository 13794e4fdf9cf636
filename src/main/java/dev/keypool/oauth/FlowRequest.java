package dev.keypool.oauth;

import java.util.List;

/**
 * What an operator asked for when starting an authorization: the key to create (provider, name and its
 * pool settings) and the OAuth client to authorize with, its preset's values filled in. Stored with the
 * pending flow, so that whichever instance gets the code creates the same key. No secret in here: the
 * client secret and the PKCE verifier are stored encrypted beside it.
 */
public record FlowRequest(
    String provider,
    String name,
    String preset,
    String authorizeUrl,
    String tokenUrl,
    String clientId,
    String scopes,
    String redirectUri,
    int priority,
    int weight,
    List<String> tags,
    String notes) {

  public FlowRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
