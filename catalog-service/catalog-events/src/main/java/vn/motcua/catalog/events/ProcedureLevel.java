package vn.motcua.catalog.events;

/** The government level that carries out a procedure (cấp thực hiện). */
public enum ProcedureLevel {
    CENTRAL,
    PROVINCE,
    DISTRICT,
    COMMUNE
}
