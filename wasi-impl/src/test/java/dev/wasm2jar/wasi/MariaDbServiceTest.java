package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB microservice guest (guests/rust/mariadb_service.rs) against a real MariaDB server (Debian's
 * mariadb-server): the test makes a data directory in a temporary directory (mariadbd --bootstrap with the system
 * tables), starts mariadbd on a free loopback port with an init file that creates a database and a user with a
 * mysql_native_password password, and stops it. The
 * guest speaks the MySQL wire protocol: the handshake, the login, COM_QUERY with text result sets.
 */
class MariaDbServiceTest {
    private static LocalServer mariadb;

    /** Where Debian's mariadb-server keeps the SQL that creates the system tables. */
    private static final Path SYSTEM_TABLES = Path.of("/usr/share/mysql");

    @BeforeAll
    static void startMariaDb() throws Exception {
        String server = LocalServer.program("mariadbd");
        String user = System.getProperty("user.name");
        // small InnoDB files, so that making the data directory takes a second or two
        List<String> innodb = List.of("--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M",
                "--innodb-data-file-path=ibdata1:4M:autoextend");
        mariadb = LocalServer.start("mariadb", (dir, port) -> {
            // the system tables, as mariadb-install-db makes them, less its help tables and sys schema (which take
            // seconds more and which nothing here uses)
            Path data = Files.createDirectory(dir.resolve("data"));
            Path tables = dir.resolve("system-tables.sql");
            Files.writeString(tables, "create database if not exists mysql;\nuse mysql;\nSET @auth_root_socket=NULL;\n");
            for (String f : List.of("mysql_system_tables.sql", "mysql_system_tables_data.sql")) {
                Files.writeString(tables, Files.readString(SYSTEM_TABLES.resolve(f)), StandardOpenOption.APPEND);
            }
            List<String> bootstrap = new ArrayList<>(List.of(server, "--no-defaults", "--bootstrap",
                    "--datadir=" + data, "--user=" + user, "--log-warnings=0", "--max_allowed_packet=8M"));
            bootstrap.addAll(innodb);
            LocalServer.runToEnd(dir, bootstrap, tables);
            Path init = Files.writeString(dir.resolve("init.sql"), """
                    CREATE DATABASE app;
                    CREATE USER 'app'@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('s3cret');
                    GRANT ALL ON app.* TO 'app'@'127.0.0.1';
                    """);
            List<String> command = new ArrayList<>(List.of(server, "--no-defaults", "--datadir=" + data,
                    "--user=" + user, "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + dir.resolve("mysql.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                    "--skip-name-resolve", "--skip-log-bin", "--init-file=" + init));
            command.addAll(innodb);
            return command;
        });
    }

    @AfterAll
    static void stopMariaDb() throws Exception {
        mariadb.close();
    }

    @Test
    void logsInCreatesInsertsAndSelects() throws Exception {
        Guests.Run run = Guests.run("mariadb_service", UnaryOperator.identity(), String.valueOf(mariadb.port()),
                "app", "s3cret", "app");
        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                logged in as app
                CREATE -> 0 rows
                TRUNCATE -> 0 rows
                INSERT -> 3 rows
                columns: id, name, length, nothing
                row: 1 | Ada | 3 | NULL
                row: 2 | Grace | 5 | NULL
                row: 3 | Edsger "EWD" Dijkstra | 21 | NULL
                a bad query: error 1146: Table 'app.no_such_table' doesn't exist
                """, run.out());
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        Guests.Run run = Guests.run("mariadb_service", UnaryOperator.identity(), String.valueOf(mariadb.port()),
                "app", "wrong", "app");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("error 1045: Access denied for user 'app'@'127.0.0.1'"), run.err());
    }

    @Test
    void anHttpFrontListsRowsAsJson() throws Exception {
        GuestServer server = GuestServer.start("mariadb_service", UnaryOperator.identity(),
                String.valueOf(mariadb.port()), "app", "s3cret", "app", "--serve", "0", "3");
        int port = server.port();
        try (HttpClient c = new HttpClient(port)) {
            String rows = c.call("GET", "/rows", "").body();
            assertTrue(rows.matches("\\[\\{\"id\":\\d+,\"name\":\"Ada\"},\\{\"id\":\\d+,\"name\":\"Grace\"},"
                    + "\\{\"id\":\\d+,\"name\":\"Edsger \\\\\"EWD\\\\\" Dijkstra\"}]\n"), rows);
            assertEquals("inserted\n", c.call("POST", "/rows", "O'Brien \\ Sons").body());
            assertTrue(c.call("GET", "/rows", "").body().endsWith(",\"name\":\"O'Brien \\\\ Sons\"}]\n"));
        }
        assertEquals(0, server.await().exit());
    }
}
