package com.ecommerce.adapter.out.persistence;

import com.ecommerce.application.port.out.LoadPointHistoryPort;
import com.ecommerce.application.port.out.LoadPointPort;
import com.ecommerce.application.port.out.LoadUserPort;
import com.ecommerce.application.port.out.SavePointHistoryPort;
import com.ecommerce.application.port.out.SavePointPort;
import com.ecommerce.application.port.out.SaveUserPort;
import com.ecommerce.domain.point.Point;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.shared.ConcurrentUpdateException;
import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;
import com.ecommerce.domain.user.User;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

@Component
class PointPersistenceAdapter implements LoadUserPort, SaveUserPort, LoadPointPort, SavePointPort,
        LoadPointHistoryPort, SavePointHistoryPort {

    private static final int KNOWN_USERS = 1_000_000;

    private final UserRepository userRepository;
    private final PointRepository pointRepository;
    private final PointHistoryRepository historyRepository;
    private final Clock clock;
    private final Cache<Long, Boolean> knownUsers = Caffeine.newBuilder().maximumSize(KNOWN_USERS).build();

    PointPersistenceAdapter(UserRepository userRepository, PointRepository pointRepository,
                            PointHistoryRepository historyRepository, Clock clock) {
        this.userRepository = userRepository;
        this.pointRepository = pointRepository;
        this.historyRepository = historyRepository;
        this.clock = clock;
    }

    @Override
    public Optional<User> loadUser(long userId) {
        return userRepository.findById(userId).map(e -> User.reconstitute(e.getId(), e.getName()));
    }

    /**
     * Users are never deleted, so once a user is known to exist it is remembered in this instance: an order checks
     * its buyer before taking any lock without a query. Unknown ids are not remembered (they may register later).
     */
    @Override
    public boolean userExists(long userId) {
        if (knownUsers.getIfPresent(userId) != null) {
            return true;
        }
        boolean exists = userRepository.existsById(userId);
        if (exists) {
            knownUsers.put(userId, Boolean.TRUE);
        }
        return exists;
    }

    @Override
    public User saveNewUser(User user) {
        UserJpaEntity saved = userRepository.save(new UserJpaEntity(user.name(), Timestamps.now(clock)));
        return User.reconstitute(saved.getId(), saved.getName());
    }

    @Override
    public Optional<Point> loadPoint(long userId) {
        return pointRepository.findRow(userId).map(r -> Point.reconstitute(r.userId(), r.balance(), r.version()));
    }

    @Override
    public void insertPoint(Point point) {
        pointRepository.save(new PointJpaEntity(point.userId(), point.balance()));
    }

    @Override
    public void updatePoint(Point point) {
        if (pointRepository.updateIfVersionMatches(point.userId(), point.balance(), point.version()) == 0) {
            throw new ConcurrentUpdateException("The balance of user " + point.userId());
        }
    }

    @Override
    public Page<PointHistory> loadHistory(long userId, PageQuery pageQuery) {
        return Pages.toPage(historyRepository.findByUserIdOrderByIdDesc(userId, Pages.request(pageQuery)),
                e -> new PointHistory(e.getId(), e.getUserId(), e.getType(), e.getAmount(), e.getBalanceAfter(),
                        e.getOrderId(), e.getCreatedAt()));
    }

    @Override
    public void appendHistory(PointHistory entry) {
        historyRepository.save(new PointHistoryJpaEntity(entry.userId(), entry.type(), entry.amount(),
                entry.balanceAfter(), entry.orderId(), entry.createdAt()));
    }
}
