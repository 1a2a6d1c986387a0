package com.ecommerce.application.point.port.in;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;

public interface GetPointHistoryUseCase {

    /** The user's point movements, newest first. */
    Page<PointHistory> getHistory(Actor actor, long userId, PageQuery pageQuery);
}
