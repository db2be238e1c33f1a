package vn.motcua.dossier.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Personal data and secrets at rest, under one key from a Secret ({@code MOTCUA_DOSSIER_DATA_KEY}): the event store is
 * the one place that holds the applicant in clear; every other copy (an idempotent answer kept for a retry, a notice's
 * address and the receipt's secret waiting to be sent) is sealed with AES-256-GCM, and the lookup secret is kept only
 * as a keyed hash (HMAC-SHA-256), so a copy of the database alone can neither read them nor test guesses offline.
 * <p>
 * Two sub-keys are derived from the configured key by purpose, so the hash key is never the encryption key. Sealed
 * values name their key ({@code e1:<key id>:<base64>}); keys listed in {@code motcua.dossier.previous-data-keys} still
 * open what they sealed, so the key can be rotated without losing the answers kept for retries.
 */
@ApplicationScoped
public class DataProtection {
    private static final String SEALED = "e1:";
    private static final String KEYED_HASH = "h1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A sealed value whose key is no longer configured. */
    public static final class KeyUnavailable extends RuntimeException {
        KeyUnavailable(String keyId) {
            super("the data key " + keyId + " that sealed this value is not configured");
        }
    }

    private record Keys(String id, byte[] encryption, byte[] lookup) {
    }

    private final Keys current;
    private final Map<String, Keys> all = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public DataProtection(@ConfigProperty(name = "motcua.dossier.data-key") String key,
                          @ConfigProperty(name = "motcua.dossier.previous-data-keys") Optional<List<String>> previous) {
        this.current = derive(key);
        all.put(current.id(), current);
        previous.orElse(List.of()).stream().filter(k -> !k.isBlank()).map(DataProtection::derive)
                .forEach(k -> all.putIfAbsent(k.id(), k));
    }

    private static Keys derive(String key) {
        if (key == null || key.strip().length() < 32) {
            throw new IllegalStateException("motcua.dossier.data-key (MOTCUA_DOSSIER_DATA_KEY) must be a secret of at "
                    + "least 32 characters, e.g. 64 random hex digits");
        }
        byte[] master = key.strip().getBytes(StandardCharsets.UTF_8);
        String id = HexFormat.of().formatHex(hmac(master, "motcua key id")).substring(0, 8);
        return new Keys(id, hmac(master, "motcua at-rest encryption"), hmac(master, "motcua lookup secret"));
    }

    // ------------------------------------------------------------------ the lookup secret

    /** What the store keeps of a lookup secret: its keyed hash. */
    public String lookupHash(String secret) {
        return KEYED_HASH + current.id() + ":" + HexFormat.of().formatHex(hmac(current.lookup(), secret));
    }

    /**
     * Whether {@code secret} is the one {@code stored} was made from. Dossiers received before keyed hashes have a
     * plain SHA-256 (64 hex digits), still accepted.
     */
    public boolean lookupMatches(String stored, String secret) {
        if (stored == null || secret == null) {
            return false;
        }
        byte[] expected;
        if (stored.startsWith(KEYED_HASH)) {
            int colon = stored.indexOf(':', KEYED_HASH.length());
            Keys keys = colon < 0 ? null : all.get(stored.substring(KEYED_HASH.length(), colon));
            if (keys == null) {
                return false;
            }
            expected = (KEYED_HASH + keys.id() + ":" + HexFormat.of().formatHex(hmac(keys.lookup(), secret)))
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            expected = sha256Hex(secret).getBytes(StandardCharsets.UTF_8);
        }
        return MessageDigest.isEqual(expected, stored.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ sealed values

    /** Encrypts {@code plain} (null stays null). */
    public String seal(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(current.encryption(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(current.id().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return SEALED + current.id() + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    /**
     * Decrypts what {@link #seal} made. A value written before sealing existed is returned as it is.
     *
     * @throws KeyUnavailable when the key that sealed it is no longer configured
     */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(SEALED)) {
            return stored;
        }
        int colon = stored.indexOf(':', SEALED.length());
        if (colon < 0) {
            throw new IllegalStateException("a sealed value without its key id");
        }
        String keyId = stored.substring(SEALED.length(), colon);
        Keys keys = all.get(keyId);
        if (keys == null) {
            throw new KeyUnavailable(keyId);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.encryption(), "AES"),
                    new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            c.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
            return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed value was altered or is not one", e);
        }
    }

    // ------------------------------------------------------------------ primitives

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
