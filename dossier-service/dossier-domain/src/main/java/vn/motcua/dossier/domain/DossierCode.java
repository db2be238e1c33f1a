package vn.motcua.dossier.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The national dossier code, {@code <receiving unit>-<yyMMdd>-<sequence>} (DOMAIN.md §4): the day the desk received it
 * (Vietnam time) and that unit's sequence for the day. The live desk makes codes with {@link #of}; an import must bring
 * codes of the same shape, for its own unit and day, so the two can never collide unnoticed.
 */
public record DossierCode(String unit, LocalDate day, int sequence) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    /** 4 digits as issued (0001...), up to 6 for a unit that receives more than 9,999 dossiers a day. */
    private static final Pattern SHAPE = Pattern.compile("(.+)-(\\d{6})-(\\d{4,6})");

    public static String of(String unit, LocalDate day, int sequence) {
        return unit + "-" + DAY.format(day) + "-" + String.format("%04d", sequence);
    }

    @Override
    public String toString() {
        return of(unit, day, sequence);
    }

    public static Optional<DossierCode> parse(String code) {
        Matcher m = code == null ? null : SHAPE.matcher(code);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(m.group(2), DAY);
            int sequence = Integer.parseInt(m.group(3));
            return sequence == 0 ? Optional.empty() : Optional.of(new DossierCode(m.group(1), day, sequence));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks an imported code against the dossier it names: the national shape, the receiving unit and the day of
     * reception.
     */
    public static DossierCode requireFor(String code, String receivingUnit, LocalDate receptionDay) {
        DossierCode parsed = parse(code).orElseThrow(() -> RuleViolation.input("dossier-code", "code",
                "a dossier code has the national form <unit>-<yyMMdd>-<sequence>, e.g. "
                        + of(receivingUnit, receptionDay, 1),
                "mã hồ sơ phải có dạng <mã đơn vị>-<yyMMdd>-<số thứ tự>, ví dụ " + of(receivingUnit, receptionDay, 1)));
        if (!parsed.unit().equals(receivingUnit) || !parsed.day().equals(receptionDay)) {
            throw RuleViolation.input("dossier-code", "code", "the code " + code + " must name the receiving unit "
                            + receivingUnit + " and the day of reception " + receptionDay + ", e.g. "
                            + of(receivingUnit, receptionDay, parsed.sequence()),
                    "mã hồ sơ phải mang mã đơn vị tiếp nhận " + receivingUnit + " và ngày tiếp nhận " + receptionDay);
        }
        return parsed;
    }
}
