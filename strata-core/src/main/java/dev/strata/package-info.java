/** Strata: declarative schema migrations. The engine lives in the sub-packages. */
package dev.strata;
