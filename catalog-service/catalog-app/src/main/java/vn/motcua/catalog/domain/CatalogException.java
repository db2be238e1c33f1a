package vn.motcua.catalog.domain;

import vn.motcua.support.ProblemException;

import java.util.List;

/** A request the catalog refuses; answered as problem+json by the shared mapper. */
public class CatalogException extends ProblemException {

    public CatalogException(int status, String code, String title, String titleVi, List<Violation> violations) {
        super(status, code, title, titleVi, violations);
    }

    public static CatalogException invalid(String field, String reason, String reasonVi) {
        return wrap(ProblemException.invalid(field, reason, reasonVi));
    }

    public static CatalogException invalid(List<Violation> violations) {
        return wrap(ProblemException.invalid(violations));
    }

    public static CatalogException notFound(String what, String code, String whatVi) {
        return wrap(ProblemException.notFound(what, code, whatVi));
    }

    public static CatalogException conflict(String field, String reason, String reasonVi) {
        return wrap(ProblemException.conflict(field, reason, reasonVi));
    }

    private static CatalogException wrap(ProblemException p) {
        return new CatalogException(p.status(), p.code(), p.getMessage(), p.titleVi(), p.violations());
    }
}
