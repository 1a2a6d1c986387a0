package com.ecommerce.adapter.out.lock.support;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The lock strategies and their names, stated once. A strategy is chosen by its Spring profile ({@code lock-db});
 * {@code /actuator/info}, the metrics and the logs call it by its {@link #id()} ({@code db}).
 */
public enum LockStrategyName {
    JVM(Profiles.JVM),
    DB(Profiles.DB),
    REDIS(Profiles.REDIS),
    REDLOCK(Profiles.REDLOCK),
    OPTIMISTIC(Profiles.OPTIMISTIC),
    ZOOKEEPER(Profiles.ZOOKEEPER),
    JDBC(Profiles.JDBC),
    HAZELCAST(Profiles.HAZELCAST),
    ETCD(Profiles.ETCD);

    /** The strategy when no lock profile is active. */
    public static final LockStrategyName DEFAULT = JVM;

    /** The profile names as constants, for {@code @Profile}, which takes nothing else; the enum reads them. */
    public static final class Profiles {
        public static final String PREFIX = "lock-";
        public static final String JVM = "lock-jvm";
        public static final String DB = "lock-db";
        public static final String REDIS = "lock-redis";
        public static final String REDLOCK = "lock-redlock";
        public static final String OPTIMISTIC = "lock-optimistic";
        public static final String ZOOKEEPER = "lock-zookeeper";
        public static final String JDBC = "lock-jdbc";
        public static final String HAZELCAST = "lock-hazelcast";
        public static final String ETCD = "lock-etcd";

        private Profiles() {
        }
    }

    private final String profile;

    LockStrategyName(String profile) {
        this.profile = profile;
    }

    public String profile() {
        return profile;
    }

    /** The profile without {@code lock-}. */
    public String id() {
        return profile.substring(Profiles.PREFIX.length());
    }

    public static Optional<LockStrategyName> ofProfile(String profile) {
        return Arrays.stream(values()).filter(s -> s.profile.equals(profile)).findFirst();
    }

    public static List<String> profiles() {
        return Arrays.stream(values()).map(LockStrategyName::profile).toList();
    }
}
