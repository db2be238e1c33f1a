package vn.motcua.duedate;

/** Outcome of a dossier compared with its due date. */
public enum Timeliness { EARLY, ON_TIME, LATE }
