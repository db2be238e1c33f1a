package vn.motcua.satisfaction.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Rating link tokens (satisfaction-service's to issue and check; dossier-service puts them in the "returned" notice): the dossier id and a keyed MAC of it, in URL-safe Base64 (38 characters). Nothing is stored:
 * the same dossier always gets the same token (a QR code printed on a receipt stays valid after any rebuild), and
 * only the holder of the key can make one, so a token cannot be guessed from a dossier id.
 */
public final class RatingTokens {
    private static final int ID_BYTES = 16;
    private static final int MAC_BYTES = 12;
    private static final byte[] DOMAIN = "motcua rating link v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    public RatingTokens(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the rating link key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String issue(UUID dossierId) {
        byte[] id = bytes(dossierId);
        ByteBuffer token = ByteBuffer.allocate(ID_BYTES + MAC_BYTES).put(id).put(mac(id), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** @return the dossier the token was issued for; empty for anything that is not a token of this key */
    public Optional<UUID> verify(String token) {
        if (token == null || token.length() != 38) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // one text per token: the last character carries 4 unused bits, which must not give a second spelling
        if (raw.length != ID_BYTES + MAC_BYTES || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
            return Optional.empty();
        }
        byte[] id = Arrays.copyOf(raw, ID_BYTES);
        byte[] expected = Arrays.copyOf(mac(id), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, ID_BYTES, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(id);
        return Optional.of(new UUID(b.getLong(), b.getLong()));
    }

    private byte[] mac(byte[] id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            return mac.doFinal(id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(ID_BYTES).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }
}
