package com.ecommerce.bootstrap.support;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The database profile of {@link TestDatabase}. A test class adds its lock strategy with {@code @ActiveProfiles};
 * Spring merges the two.
 */
public class DatabaseProfileResolver implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return new String[]{TestDatabase.profile()};
    }
}
