-- Every table in utf8mb4, whatever the server's or the database's default character set: a name in Korean (or any
-- script, or an emoji) is stored as it was sent, never refused or replaced by '?' on a server that defaults to
-- latin1 or to MySQL's 3-byte utf8. The tables' default is set explicitly (a metadata change: no table is copied);
-- the columns that hold text people type, the user's and the item's names, are converted, which copies those two
-- tables only where their character set differs (on a server already defaulting to utf8mb4 nothing changes). The
-- other text columns hold ASCII (statuses, codes, ids; idempotency keys and payment ids are ascii_bin already).
ALTER TABLE users DEFAULT CHARACTER SET utf8mb4, MODIFY name VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL;
ALTER TABLE item DEFAULT CHARACTER SET utf8mb4, MODIFY name VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL;
ALTER TABLE point_balance DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE point_history DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE item_stock DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE orders DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE order_line DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE idempotency_record DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE payment DEFAULT CHARACTER SET utf8mb4;
ALTER TABLE INT_LOCK DEFAULT CHARACTER SET utf8mb4;
