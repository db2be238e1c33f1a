/**
 * Working calendar and processing-time counting rules for Vietnamese one-stop shops.
 * Plain Java, no framework; every public type is immutable and thread-safe.
 */
package vn.motcua.duedate;
