-- A run-time provider's own proxy is kept apart from its definition, encrypted with the install's key
-- as its extra headers are: a proxy URL may carry a user name and password. Rows written before this
-- version keep the proxy URL in definition; the gateway moves it here, encrypted, at its next start
-- (storage/ProviderStore.sealPlainSecrets) or when the provider is next written.
-- Keep in step with the other dialect's V19__provider_proxy_encrypted.sql.

ALTER TABLE providers ADD COLUMN proxy TEXT;
