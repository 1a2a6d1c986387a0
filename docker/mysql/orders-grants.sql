-- The service's database user, `orders`, with what the service needs on its schema and nothing else. The mysql
-- image runs this file once, on an empty data directory, after it created the schema (MYSQL_DATABASE) and the user
-- (MYSQL_USER, MYSQL_PASSWORD) with every privilege on that schema; compose.yaml mounts it into
-- /docker-entrypoint-initdb.d. The service never connects as root.
--
-- SELECT, INSERT, UPDATE, DELETE: the service's reads and writes, SELECT ... FOR UPDATE of lock-db (MySQL 8 wants
-- UPDATE, DELETE or LOCK TABLES beside SELECT for it), the rows of lock-jdbc's lock table, expired idempotency records.
-- CREATE, ALTER, INDEX, REFERENCES: Flyway's migrations, applied at start (tables, their foreign keys, indexes, the
-- later ALTER TABLEs) and Flyway's own history table. MySQL 8 checks REFERENCES on the parent table of a foreign key;
-- MariaDB does not, so the test on MariaDB cannot show it is needed there.
-- Not granted: DROP (no migration drops anything, and Flyway's clean is off), LOCK TABLES, CREATE VIEW, CREATE
-- ROUTINE, TRIGGER, EVENT, GRANT OPTION, and every global privilege.
-- system-tests' LeastPrivilegeDatabaseUserIT gives a user exactly these grants on a fresh schema of a real database
-- and runs the migrations and the service's flows (lock-db and lock-jdbc) as that user.
REVOKE ALL PRIVILEGES ON `orders`.* FROM 'orders'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES ON `orders`.* TO 'orders'@'%';
