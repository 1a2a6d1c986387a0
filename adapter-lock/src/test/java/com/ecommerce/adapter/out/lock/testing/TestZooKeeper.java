package com.ecommerce.adapter.out.lock.testing;

import org.apache.curator.test.TestingServer;

/** One in-process ZooKeeper ({@link TestingServer}) per test JVM, started the first time a test asks for it. */
public final class TestZooKeeper {

    private static TestingServer server;

    private TestZooKeeper() {
    }

    public static synchronized String connectString() {
        if (server == null) {
            try {
                server = new TestingServer(true);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the in-process ZooKeeper", e);
            }
        }
        return server.getConnectString();
    }
}
