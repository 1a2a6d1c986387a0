package com.ecommerce.application.port.in;

import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;

public interface GetPointHistoryUseCase {

    /** The user's point movements, newest first. */
    Page<PointHistory> getHistory(long userId, PageQuery pageQuery);
}
