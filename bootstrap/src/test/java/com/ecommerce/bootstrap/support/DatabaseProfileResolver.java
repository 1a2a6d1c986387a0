package com.ecommerce.bootstrap.support;

import org.springframework.test.context.ActiveProfilesResolver;

import java.util.ArrayList;
import java.util.List;

/** The database profile of {@link TestDatabase}, plus the lock profile a test class asks for with {@link LockProfile}. */
public class DatabaseProfileResolver implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        List<String> profiles = new ArrayList<>();
        profiles.add(TestDatabase.profile());
        LockProfile lock = findLockProfile(testClass);
        if (lock != null) {
            profiles.add(lock.value());
        }
        return profiles.toArray(String[]::new);
    }

    private static LockProfile findLockProfile(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            LockProfile lock = c.getAnnotation(LockProfile.class);
            if (lock != null) {
                return lock;
            }
        }
        return null;
    }
}
