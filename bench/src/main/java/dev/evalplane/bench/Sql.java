package dev.evalplane.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.postgresql.PGConnection;

import dev.evalplane.testsupport.PostgresResource;

/** Plain JDBC on the shared PostgreSQL: counts, bulk SQL, COPY. Reconnects when the server has restarted. */
public final class Sql implements AutoCloseable {

    private Connection connection;

    public static Sql open() {
        return new Sql();
    }

    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            if (connection != null) {
                connection.close();
            }
            connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + PostgresResource.port()
                    + "/postgres", "postgres", "postgres");
        }
        return connection;
    }

    /** The first column of the first row as a long (e.g. a count). */
    public long number(String sql) {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row as text. */
    public List<String> strings(String sql) {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row, each column as text. */
    public List<String[]> rows(String sql) {
        try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String[]> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A SQL text[] literal of ids made of letters, digits and dashes (checked). */
    public static String idArray(Collection<String> ids) {
        for (String id : ids) {
            if (!id.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("not a plain id: " + id);
            }
        }
        return "'{" + String.join(",", ids) + "}'::text[]";
    }

    /** A count, or -1 while the table does not exist yet (a service still migrating) or the server is down. */
    public long countOrMinusOne(String sql) {
        try {
            return number(sql);
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    public void execute(String sql) {
        try (Statement st = connection().createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** COPY ... FROM STDIN with the given text; returns the number of rows copied. */
    public long copyIn(String copySql, String data) {
        try {
            return connection().unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(data));
        } catch (Exception e) {
            throw new IllegalStateException(copySql, e);
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
