-- Request-log filters on the user and the org of a request (GET /api/requests?user=&org=), SQLite
-- dialect; ../postgresql/V10__request_records_by_tenant.sql indexes both columns there.
--
-- No index here, on purpose: V8__request_log_layout.sql dropped the per-filter indexes because they
-- were about a third of the record writer's time, and SQLite maintains them on the gateway's own
-- thread. A user or org filter reads the log newest first along its (started_at, id) key instead
-- (dev.keypool.tracking.RequestLogStore); a time range bounds that read. This file keeps the two
-- dialects' version numbers in step.

SELECT 1;
