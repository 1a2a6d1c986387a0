-- The purge of expired idempotency records finds them by creation time, oldest first, a batch at a time: through
-- this index it reads only the expired slice instead of scanning the table (InnoDB keeps the primary key in every
-- secondary index, so the read of the ids is covered by this index alone).
-- The table may already be large where records were never purged: the index is built online (InnoDB's in-place
-- build, concurrent reads and writes allowed); a server that could only build it by blocking writes fails this
-- migration instead of stalling the service.
CREATE INDEX ix_idempotency_record_created_at ON idempotency_record (created_at) ALGORITHM = INPLACE LOCK = NONE;
