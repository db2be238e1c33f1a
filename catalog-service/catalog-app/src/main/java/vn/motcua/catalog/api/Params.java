package vn.motcua.catalog.api;

import vn.motcua.catalog.domain.CatalogException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Query parameters parsed by hand, so a bad value is a 400 naming the parameter rather than a bare 404. */
final class Params {
    private Params() {
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw CatalogException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()),
                    "phải là một trong các giá trị " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw CatalogException.invalid(name, "must be a date like 2025-07-01", "phải là ngày dạng 2025-07-01");
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw CatalogException.invalid(name, "is required", "là bắt buộc");
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw CatalogException.invalid(name, "must be an ISO-8601 instant with offset, like 2025-07-01T09:30:00+07:00",
                    "phải là thời điểm ISO-8601 có múi giờ, ví dụ 2025-07-01T09:30:00+07:00");
        }
    }

    static String code(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches(vn.motcua.catalog.events.CatalogLimits.CODE)) {
            throw CatalogException.invalid(name, "is not a valid code", "không phải là mã hợp lệ");
        }
        return value.strip();
    }

    static String required(String name, String value) {
        String code = code(name, value);
        if (code == null) {
            throw CatalogException.invalid(name, "is required", "là bắt buộc");
        }
        return code;
    }
}
