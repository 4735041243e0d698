/**
 * The Atlas HCL schema language and the model: {@link dev.strata.schemahcl.SchemaHclDecoder} reads
 * parsed files into a {@link dev.strata.model.Realm}, {@link dev.strata.schemahcl.SchemaHclEncoder}
 * writes a realm back, and {@code decode(encode(realm))} equals every realm the decoder produces.
 *
 * <p>Decisions that differ from, or go beyond, Atlas:
 *
 * <ul>
 *   <li>Which attributes and blocks each block accepts is one table per dialect ({@code
 *       DialectSpec}); simple dialect attributes ("extras") map into the model's {@code Attrs} with
 *       no decoder code, and the encoder writes them back from the same table.
 *   <li>A trigger in Atlas's structured form ({@code before/after/instead_of} block, {@code for},
 *       {@code when}, {@code as} body) becomes a {@code CREATE TRIGGER} text with quoted names; a
 *       trigger without a timing block carries its whole {@code CREATE TRIGGER} statement in {@code
 *       as}. The encoder uses the structured form only for definitions in exactly the shape the
 *       decoder composes, and the whole-statement form for any other (e.g. inspected text).
 *   <li>SQL texts ({@code as}, {@code expr}, {@code where}) lose trailing whitespace, so that a
 *       heredoc's final newline is not part of the SQL.
 *   <li>A {@code foreign_key} may be unnamed (SQLite keys often are); a table or view whose name
 *       exists in several schemas is written with two labels ({@code table "s" "t"}) and referred
 *       to as {@code table.s.t}; names that are not HCL identifiers are referred to with index
 *       steps ({@code column["first name"]}).
 *   <li>View {@code column} blocks and {@code depends_on} are checked but not kept: the model
 *       derives them from the query.
 * </ul>
 */
package dev.strata.schemahcl;
