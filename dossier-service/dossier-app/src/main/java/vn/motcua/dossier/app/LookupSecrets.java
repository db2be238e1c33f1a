package vn.motcua.dossier.app;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;

/** The secret printed on a receipt for the citizen's lookup: 10 characters that cannot be misread (no 0/O, 1/I). */
@ApplicationScoped
public class LookupSecrets {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] s = new char[10];
        for (int i = 0; i < s.length; i++) {
            s[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(s);
    }
}
