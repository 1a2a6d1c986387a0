package com.ecommerce.application.port.out;

import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

public interface LoadPointHistoryPort {

    /** Newest first. */
    Page<PointHistory> loadHistory(long userId, PageQuery pageQuery);
}
