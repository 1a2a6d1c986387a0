-- The purge of expired idempotency records finds them by creation time, oldest first, a batch at a time: through
-- this index it reads only the expired slice instead of scanning the table.
CREATE INDEX ix_idempotency_record_created_at ON idempotency_record (created_at);
