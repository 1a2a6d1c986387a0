package com.ecommerce.adapter.out.persistence;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every SQL text the application hands the JDBC driver, in order, whoever sends it (Hibernate or the stores' own
 * JDBC statements): the data source is wrapped so that each connection records what it prepares and what its plain
 * statements execute. Registered by a test's configuration with {@link #aroundTheDataSource()}.
 */
public final class RecordedStatements {

    /** What the connections were asked to run, in order, as written. */
    public static final List<String> SQL = new CopyOnWriteArrayList<>();

    private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall");
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "addBatch");

    private RecordedStatements() {
    }

    public static BeanPostProcessor aroundTheDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof DataSource pool) || bean instanceof Recording) {
                    return bean;
                }
                return new Recording(pool);
            }
        };
    }

    private static final class Recording extends DelegatingDataSource {
        Recording(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return recording(super.getConnection(), Connection.class);
        }

        @Override
        public Connection getConnection(String username, String password) throws java.sql.SQLException {
            return recording(super.getConnection(username, password), Connection.class);
        }
    }

    private static <T> T recording(T target, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(RecordedStatements.class.getClassLoader(), new Class<?>[]{type},
                (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String sql
                            && (PREPARING.contains(method.getName()) || EXECUTING.contains(method.getName()))) {
                        SQL.add(sql);
                    }
                    Object result = invoke(method, target, args);
                    if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                        return recording(statement, Statement.class);
                    }
                    return result;
                }));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
