package com.ecommerce.application.port.out;

import com.ecommerce.domain.point.Point;

import java.util.Optional;

public interface LoadPointPort {

    Optional<Point> loadPoint(long userId);
}
