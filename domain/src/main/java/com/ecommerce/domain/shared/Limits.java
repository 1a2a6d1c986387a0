package com.ecommerce.domain.shared;

/** The caps of the public contract ({@code API.md}, "Limits"), in one place. */
public final class Limits {

    public static final int NAME_MAX_LENGTH = 100;
    public static final long CHARGE_MIN = 1;
    public static final long CHARGE_MAX = 1_000_000;
    public static final long BALANCE_MAX = 100_000_000;
    public static final long PRICE_MAX = 100_000_000;
    public static final long STOCK_MAX = 1_000_000;
    public static final long RESTOCK_MIN = 1;
    public static final long RESTOCK_MAX = 1_000_000;
    public static final int ORDER_LINES_MIN = 1;
    public static final int ORDER_LINES_MAX = 50;
    public static final int ORDER_QUANTITY_MIN = 1;
    public static final int ORDER_QUANTITY_MAX = 1_000;

    private Limits() {
    }
}
