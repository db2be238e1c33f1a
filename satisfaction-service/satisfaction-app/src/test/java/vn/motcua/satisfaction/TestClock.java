package vn.motcua.satisfaction;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The service's clock in tests: set by each test, so rating windows, grace periods and complaint deadlines are deterministic. */
public final class TestClock extends Clock {
    public static final TestClock CLOCK = new TestClock();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T01:00:00Z"));

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Sets the clock to a Vietnam local date-time, e.g. "2026-03-02T08:00". */
    public void setVietnam(String localDateTime) {
        now.set(java.time.LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant());
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

    /** Replaces the default system clock bean. */
    @Singleton
    public static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }
}
