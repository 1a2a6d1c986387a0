package com.ecommerce.domain.order;

import com.ecommerce.domain.shared.InvalidRequestException;
import com.ecommerce.domain.shared.Limits;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The shape rules of an order's lines, shared by the order aggregate and the command that asks for one. */
public final class OrderLines {

    private OrderLines() {
    }

    /** 1 to {@link Limits#ORDER_LINES_MAX} lines, no item twice. */
    public static void requireValidItemIds(List<Long> itemIds) {
        if (itemIds == null || itemIds.size() < Limits.ORDER_LINES_MIN || itemIds.size() > Limits.ORDER_LINES_MAX) {
            throw InvalidRequestException.of("lines",
                    "must have " + Limits.ORDER_LINES_MIN + " to " + Limits.ORDER_LINES_MAX + " lines");
        }
        Set<Long> seen = new HashSet<>();
        for (Long itemId : itemIds) {
            if (!seen.add(itemId)) {
                throw InvalidRequestException.of("lines", "item " + itemId + " appears more than once");
            }
        }
    }
}
