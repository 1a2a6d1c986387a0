-- Card payments that credit points once a payment gateway approved them, and the link from a CHARGE entry to the
-- payment it credited. H2 compares VARCHAR case-sensitively, which is what payment ids need; MySQL and MariaDB
-- need a binary collation for it (see db/migration/mysql), and otherwise the schema is the same.

ALTER TABLE point_history ADD COLUMN payment_id VARCHAR(64) NULL;
-- A payment is credited once: a second CHARGE entry naming the same payment is refused by the database itself,
-- whatever became of the locks and fences in front of it. Entries without a payment (NULL) are not compared.
CREATE UNIQUE INDEX uk_point_history_payment_id ON point_history (payment_id);

CREATE TABLE payment (
    payment_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
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
