/**
 * The schema model: immutable records describing a database's schema, independent of where it came
 * from (HCL, SQL, a live database). Dialect extras live in {@link dev.strata.model.Attrs}.
 */
package dev.strata.model;
