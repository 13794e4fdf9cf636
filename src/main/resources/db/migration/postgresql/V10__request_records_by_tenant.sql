-- Request-log filters on the user and the org of a request (GET /api/requests?user=&org=), PostgreSQL
-- dialect; ../sqlite/V10__request_records_by_tenant.sql explains why SQLite gets no index.
--
-- Shaped like the other per-filter indexes of V2__request_records.sql: one user's or org's records
-- come in start-time order, so a page of them reads only that page.

CREATE INDEX request_records_user ON request_records (user_id, started_at);
CREATE INDEX request_records_org  ON request_records (org_id, started_at);
