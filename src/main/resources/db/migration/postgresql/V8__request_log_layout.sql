-- The request log laid out for a cheap record writer (PostgreSQL dialect); ../sqlite/V8__request_log_layout.sql
-- makes the same change of columns.
--
-- A record's upstream attempts move from the request_attempts table into the record's own attempts
-- column (a JSON array, dev.keypool.tracking.AttemptsJson): they are written and read with their
-- request only, and a table of their own cost an insert and an index entry more per record. The
-- request_attempts view still shows one row per attempt. The per-filter indexes stay: PostgreSQL
-- maintains them in its own process, usually on another machine.

ALTER TABLE request_records ADD COLUMN attempts TEXT;

UPDATE request_records r SET attempts = a.attempts
FROM (
  SELECT request_id, json_agg(json_build_object('attempt_no', attempt_no, 'provider_id', provider_id,
      'provider_key_id', provider_key_id, 'upstream_model', upstream_model, 'status', status,
      'failure_class', failure_class, 'message', message, 'latency_millis', latency_millis, 'bytes', bytes,
      'started_at', started_at) ORDER BY attempt_no)::text AS attempts
  FROM request_attempts GROUP BY request_id
) a
WHERE a.request_id = r.id;

DROP TABLE request_attempts;

CREATE VIEW request_attempts AS
SELECT r.id AS request_id,
  (a.value ->> 'attempt_no')::integer AS attempt_no,
  a.value ->> 'provider_id' AS provider_id,
  a.value ->> 'provider_key_id' AS provider_key_id,
  a.value ->> 'upstream_model' AS upstream_model,
  (a.value ->> 'status')::integer AS status,
  a.value ->> 'failure_class' AS failure_class,
  a.value ->> 'message' AS message,
  (a.value ->> 'latency_millis')::bigint AS latency_millis,
  (a.value ->> 'bytes')::bigint AS bytes,
  (a.value ->> 'started_at')::bigint AS started_at
FROM request_records r CROSS JOIN LATERAL jsonb_array_elements(r.attempts::jsonb) AS a(value);
