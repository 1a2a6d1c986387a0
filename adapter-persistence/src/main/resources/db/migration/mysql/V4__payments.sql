-- Card payments that credit points once a payment gateway approved them, and the link from a CHARGE entry to the
-- payment it credited.
-- Payment ids are case-sensitive ('Pay_01' and 'pay_01' are two payments, and the gateway's order ids are too):
-- MySQL and MariaDB compare VARCHAR case-insensitively under their default collations, so both id columns get a
-- binary collation here, as idempotency keys do (V2). H2 compares case-sensitively already: see db/migration/h2.

-- point_history may be large: the column is added without copying the table (a nullable column at the end is an
-- instant change on MySQL 8 and MariaDB 10.3+), and the index is built online as V3's is; a server that could only
-- do either by blocking writes fails this migration instead of stalling the service.
ALTER TABLE point_history ADD COLUMN payment_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
    ALGORITHM = INSTANT;
-- A payment is credited once: a second CHARGE entry naming the same payment is refused by the database itself,
-- whatever became of the locks and fences in front of it. Entries without a payment (NULL) are not compared.
CREATE UNIQUE INDEX uk_point_history_payment_id ON point_history (payment_id) ALGORITHM = INPLACE LOCK = NONE;

CREATE TABLE payment (
    payment_id       VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    user_id          BIGINT       NOT NULL,
    amount           BIGINT       NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    payment_key      VARCHAR(200) NULL,
    attempt          INT          NOT NULL,
    claim_expires_at DATETIME(6)  NULL,
    settles_at       DATETIME(6)  NULL,
    pg_code          VARCHAR(64)  NULL,
    approved_at      DATETIME(6)  NULL,
    balance_after    BIGINT       NULL,
    created_at       DATETIME(6)  NOT NULL,
    version          BIGINT       NOT NULL,
    CONSTRAINT fk_payment_user FOREIGN KEY (user_id) REFERENCES users (id)
);
-- the reconciler's round: the UNKNOWN ones and the IN_PROGRESS ones, each oldest first, without a scan of the
-- final payments, which are nearly all of them
CREATE INDEX ix_payment_status_created_at ON payment (status, created_at);
