-- Portable across MySQL 8, MariaDB 10.11 and H2 in MySQL mode. Every aggregate row carries a version column:
-- writes are conditional on it, so a write based on a stale read changes nothing.

CREATE TABLE users (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    version     BIGINT       NOT NULL
);

CREATE TABLE point_balance (
    user_id     BIGINT       NOT NULL PRIMARY KEY,
    balance     BIGINT       NOT NULL,
    version     BIGINT       NOT NULL,
    CONSTRAINT fk_point_balance_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_point_balance_range CHECK (balance BETWEEN 0 AND 100000000)
);

CREATE TABLE point_history (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT      NOT NULL,
    type          VARCHAR(16) NOT NULL,
    amount        BIGINT      NOT NULL,
    balance_after BIGINT      NOT NULL,
    order_id      BIGINT      NULL,
    created_at    DATETIME(6) NOT NULL,
    CONSTRAINT fk_point_history_user FOREIGN KEY (user_id) REFERENCES users (id)
);
-- history of one user, newest first
CREATE INDEX ix_point_history_user_id ON point_history (user_id, id);

CREATE TABLE item (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    price       BIGINT       NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    version     BIGINT       NOT NULL
);

CREATE TABLE item_stock (
    item_id     BIGINT       NOT NULL PRIMARY KEY,
    quantity    BIGINT       NOT NULL,
    version     BIGINT       NOT NULL,
    CONSTRAINT fk_item_stock_item FOREIGN KEY (item_id) REFERENCES item (id),
    CONSTRAINT ck_item_stock_range CHECK (quantity BETWEEN 0 AND 1000000)
);

CREATE TABLE orders (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT      NOT NULL,
    status       VARCHAR(16) NOT NULL,
    total_amount BIGINT      NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    version      BIGINT      NOT NULL,
    CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id)
);
-- orders of one user, newest first
CREATE INDEX ix_orders_user_id ON orders (user_id, id);

CREATE TABLE order_line (
    order_id    BIGINT  NOT NULL,
    line_no     INT     NOT NULL,
    item_id     BIGINT  NOT NULL,
    unit_price  BIGINT  NOT NULL,
    quantity    INT     NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fk_order_line_order FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT fk_order_line_item FOREIGN KEY (item_id) REFERENCES item (id)
);

CREATE TABLE idempotency_record (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    scope       VARCHAR(16) NOT NULL,
    user_id     BIGINT      NOT NULL,
    idem_key    VARCHAR(64) NOT NULL,
    fingerprint VARCHAR(64) NOT NULL,
    result      BIGINT      NULL,
    created_at  DATETIME(6) NOT NULL,
    CONSTRAINT uk_idempotency_scope_user_key UNIQUE (scope, user_id, idem_key)
);
