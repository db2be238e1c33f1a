package vn.motcua.testinfra;

import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** The JSON Web Key of an RSA signing key, as an identity provider publishes it in its JWKS. */
final class Jwks {
    private Jwks() {
    }

    static String rsa(String kid, RSAPublicKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"kid\":\"" + kid + "\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + b64.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}";
    }

    /** A JWK number is the unsigned big-endian value: Java's two's complement may lead with a zero byte. */
    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
