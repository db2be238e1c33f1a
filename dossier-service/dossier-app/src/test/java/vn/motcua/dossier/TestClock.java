package vn.motcua.dossier;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import vn.motcua.testinfra.SettableClock;

import java.time.Clock;
import java.time.Instant;

/** The service's clock in tests: set by each test, so deadlines and overdue are deterministic. */
public final class TestClock {
    public static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-03-02T01:00:00Z"));

    private TestClock() {
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
