package com.ecommerce.adapter.in.web.shared;

import com.ecommerce.application.paging.PageQuery;

/**
 * The defaults of the {@code page} and {@code size} query parameters of every list endpoint. The range of
 * {@code size} is checked by {@link PageQuery} alone, so that its answer names the limits in one wording.
 */
public final class Paging {

    public static final String PAGE_DEFAULT = "0";
    public static final String SIZE_DEFAULT = "" + PageQuery.SIZE_DEFAULT;

    private Paging() {
    }
}
