-- H2 stores every VARCHAR as Unicode already; this version exists so that every database has the same schema
-- history as MySQL and MariaDB (see db/migration/mysql).
SELECT 1;
