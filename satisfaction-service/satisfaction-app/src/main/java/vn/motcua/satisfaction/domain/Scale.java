package vn.motcua.satisfaction.domain;

import java.util.List;

/** The 5-level scale of every question and of the overall level. */
public final class Scale {
    public static final int MIN = 1;
    public static final int MAX = 5;
    /** Levels that count as satisfied in the satisfaction rate (DOMAIN.md: satisfied + very satisfied). */
    public static final int SATISFIED_FROM = 4;

    public record Level(int level, String name, String nameVi) {
    }

    public static final List<Level> LEVELS = List.of(
            new Level(1, "very unsatisfied", "Rất không hài lòng"),
            new Level(2, "unsatisfied", "Không hài lòng"),
            new Level(3, "neutral", "Bình thường"),
            new Level(4, "satisfied", "Hài lòng"),
            new Level(5, "very satisfied", "Rất hài lòng"));

    private Scale() {
    }

    public static boolean valid(int level) {
        return level >= MIN && level <= MAX;
    }

    public static boolean satisfied(int overall) {
        return overall >= SATISFIED_FROM;
    }
}
