package com.ecommerce.application.user.port.out;

import com.ecommerce.application.testing.StoreContractTest;
import com.ecommerce.domain.shared.Limits;
import com.ecommerce.domain.user.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@link UserStorePort}: every implementation is a subclass (see {@link StoreContractTest}). */
public abstract class UserStoreContractTest extends StoreContractTest {

    protected UserStoreContractTest(Stores stores) {
        super(stores);
    }

    @Test
    void anAddedUserIsFoundUnderTheIdAddReturnedWithItsName() {
        User added = write(() -> users.addUser(User.create("Kim Min-su")));

        assertThat(added.id()).isNotNull();
        assertThat(added.name()).isEqualTo("Kim Min-su");
        assertThat(read(() -> users.findUser(added.id()))).map(StoreContractTest::values)
                .contains(new UserValues(added.id(), "Kim Min-su"));
    }

    @Test
    void twoAddedUsersGetDifferentIdsAndKeepTheirOwnNames() {
        User first = write(() -> users.addUser(User.create("first")));
        User second = write(() -> users.addUser(User.create("second")));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(read(() -> users.findUser(first.id()))).map(User::name).contains("first");
        assertThat(read(() -> users.findUser(second.id()))).map(User::name).contains("second");
    }

    @Test
    void namesOfTheMaximumLengthInHangulAreKeptUnchanged() {
        User user = write(() -> users.addUser(User.create(LONGEST_HANGUL_NAME)));

        assertThat(LONGEST_HANGUL_NAME).hasSize(Limits.NAME_MAX_LENGTH);
        assertThat(read(() -> users.findUser(user.id()))).map(User::name).contains(LONGEST_HANGUL_NAME);
    }

    @Test
    void findingAnUnknownUserIsEmpty() {
        assertThat(read(() -> users.findUser(UNKNOWN_ID))).isEmpty();
    }

    @Test
    void existsUserIsTrueForAnAddedUserAndFalseForAnUnknownId() {
        long userId = newUser("exists");

        assertThat(read(() -> users.existsUser(userId))).isTrue();
        assertThat(read(() -> users.existsUser(UNKNOWN_ID))).isFalse();
    }
}
