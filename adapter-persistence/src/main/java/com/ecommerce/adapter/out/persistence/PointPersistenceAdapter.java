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
import com.ecommerce.domain.shared.Page;
import com.ecommerce.domain.shared.PageQuery;
import com.ecommerce.domain.user.User;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

@Component
class PointPersistenceAdapter implements LoadUserPort, SaveUserPort, LoadPointPort, SavePointPort,
        LoadPointHistoryPort, SavePointHistoryPort {

    private final UserRepository userRepository;
    private final PointRepository pointRepository;
    private final PointHistoryRepository historyRepository;
    private final Clock clock;

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

    @Override
    public boolean userExists(long userId) {
        return userRepository.existsById(userId);
    }

    @Override
    public User saveNewUser(User user) {
        UserJpaEntity saved = userRepository.save(new UserJpaEntity(user.name(), Timestamps.now(clock)));
        return User.reconstitute(saved.getId(), saved.getName());
    }

    @Override
    public Optional<Point> loadPoint(long userId) {
        return pointRepository.findById(userId)
                .map(e -> Point.reconstitute(e.getUserId(), e.getBalance(), e.getVersion()));
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
