package dev.keypool.admin.auth;

import java.util.List;
import java.util.Optional;

/** Authenticators tried in order; the first that recognises the credentials decides. */
public final class AuthenticatorChain implements AdminAuthenticator {
  private final List<AdminAuthenticator> links;

  public AuthenticatorChain(List<AdminAuthenticator> links) {
    this.links = List.copyOf(links);
  }

  @Override
  public Optional<AdminPrincipal> authenticate(AdminCredentials credentials) {
    for (AdminAuthenticator a : links) {
      Optional<AdminPrincipal> p = a.authenticate(credentials);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }
}
