package vn.motcua.catalog.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds Vietnamese text for search: lower case, diacritics removed (đ becomes d), punctuation to spaces, so that
 * "cap can cuoc" finds "Cấp thẻ Căn cước".
 */
public final class SearchText {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT).replace('đ', 'd');
        String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(stripped).replaceAll(" ").trim();
    }

    /** The folded words of a query, each of which must appear in a match. */
    public static List<String> terms(String query) {
        String folded = fold(query);
        if (folded.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(folded.split(" ")).distinct().limit(10).toList();
    }

    /** The stored form: padded with spaces so that a term can be matched as a word prefix. */
    public static String index(String... parts) {
        StringBuilder sb = new StringBuilder(" ");
        for (String part : parts) {
            String folded = fold(part);
            if (!folded.isEmpty()) {
                sb.append(folded).append(' ');
            }
        }
        return sb.toString();
    }
}
