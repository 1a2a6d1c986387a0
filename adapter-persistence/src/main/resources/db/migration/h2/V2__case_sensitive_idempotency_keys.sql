-- H2 compares VARCHAR case-sensitively, which is what idempotency keys need; this version exists so that
-- every database has the same schema history as MySQL and MariaDB (see db/migration/mysql).
SELECT 1;
