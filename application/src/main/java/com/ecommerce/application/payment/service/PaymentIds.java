package com.ecommerce.application.payment.service;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Payment ids: {@code pay_} and 20 URL-safe characters of 120 random bits. Random rather than a sequence, so an id
 * says nothing of how many payments there are, and the gateway's {@code orderId} is unique across databases.
 */
public final class PaymentIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PaymentIds() {
    }

    public static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return "pay_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
