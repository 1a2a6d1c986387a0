package com.ecommerce.application.port.out;

import com.ecommerce.domain.point.PointHistory;

public interface SavePointHistoryPort {

    void appendHistory(PointHistory entry);
}
