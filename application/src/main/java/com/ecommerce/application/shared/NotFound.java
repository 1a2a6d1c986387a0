package com.ecommerce.application.shared;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;

import java.util.Collection;
import java.util.Map;

/** The 404 outcomes of the use cases, worded once. */
public final class NotFound {

    private NotFound() {
    }

    public static DomainException user(long userId) {
        return new DomainException(ErrorCode.USER_NOT_FOUND, "User " + userId + " does not exist");
    }

    public static DomainException item(long itemId) {
        return new DomainException(ErrorCode.ITEM_NOT_FOUND, "Item " + itemId + " does not exist");
    }

    public static DomainException items(Collection<Long> itemIds) {
        return new DomainException(ErrorCode.ITEM_NOT_FOUND, "Items " + itemIds + " do not exist",
                Map.of("itemIds", itemIds));
    }

    public static DomainException order(long orderId) {
        return new DomainException(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist");
    }
}
