-- lock-jdbc: Spring Integration's lock table (JdbcLockRegistry through DefaultLockRepository), as its own
-- schema-h2.sql defines it. One row per held lock: LOCK_KEY is a UUID derived from the lock key, REGION separates
-- users of the table (ecommerce.lock.jdbc.region), CLIENT_ID names the holder, EXPIRED_AFTER ends the row's claim
-- (ecommerce.lock.lease-time after it was taken or last renewed). Other strategies never touch it.
CREATE TABLE INT_LOCK (
    LOCK_KEY CHAR(36) NOT NULL,
    REGION VARCHAR(100) NOT NULL,
    CLIENT_ID CHAR(36),
    CREATED_DATE TIMESTAMP(6) NOT NULL,
    EXPIRED_AFTER TIMESTAMP(6) NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);
