package vn.motcua.reporting;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import vn.motcua.testinfra.SettableClock;

import java.time.Clock;
import java.time.Instant;

/** The service's clock in tests: "now" decides which periods are closed and what is in progress. */
public final class TestClock {
    public static final SettableClock CLOCK = new SettableClock(Instant.parse("2027-01-15T03:00:00Z"));

    private TestClock() {
    }

    @Singleton
    public static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }
}
