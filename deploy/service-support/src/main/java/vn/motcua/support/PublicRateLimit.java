package vn.motcua.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint without login (a resource class or method) as rate limited by {@link RateLimiter}: per client
 * address always, and per dossier when {@link #dossier()} names the path parameter that identifies it (a dossier
 * code, a rating link's token). Checked by {@link RateLimitFilter} before the body is read or validated.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicRateLimit {
    /** The path parameter that identifies the dossier; empty: per client address only. */
    String dossier() default "";
}
