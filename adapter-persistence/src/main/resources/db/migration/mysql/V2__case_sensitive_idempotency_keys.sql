-- Idempotency keys are case-sensitive: 'Abc' and 'abc' are two keys. MySQL and MariaDB compare VARCHAR
-- case-insensitively under their default collations, so the key column gets a binary collation here.
-- (H2 compares case-sensitively already: see db/migration/h2.)
ALTER TABLE idempotency_record MODIFY idem_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
