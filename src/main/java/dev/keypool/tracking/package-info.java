/**
 * Request tracking: the {@link dev.keypool.tracking.RequestRecord} kept for every request, the
 * {@link dev.keypool.tracking.RecordWriter} that stores records asynchronously in batches without ever
 * losing one (spilling to an on-disk journal when the database is slow or down), and the
 * {@link dev.keypool.tracking.RequestLogStore} that searches and expires them, and
 * {@link dev.keypool.tracking.LiveRecords}, which shows records as they come to live watchers.
 */
package dev.keypool.tracking;
