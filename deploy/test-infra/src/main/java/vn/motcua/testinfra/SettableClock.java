package vn.motcua.testinfra;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test sets: a service under test gets it instead of the system clock (through a CDI producer in the
 * service's tests), so deadlines, windows and overdue moments are deterministic and nothing sleeps.
 */
public final class SettableClock extends Clock {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final AtomicReference<Instant> now;

    public SettableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Sets the clock to a Vietnam local date-time, e.g. "2026-03-02T08:00". */
    public void setVietnam(String localDateTime) {
        now.set(LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
