/**
 * The library's JSON forms. The ChangeEvent JSON form (version 1, with the optional fields of 1.1):
 * one event per line, as the command-line tool prints it and the {@code cdc-json} format reads it;
 * written and read by {@link io.cdcsdk.core.json.ChangeEventJson}. The dead-letter JSON form
 * (version 1): one failed record or event per line, {@link io.cdcsdk.core.json.DeadLetter},
 * appended by {@link io.cdcsdk.core.json.DeadLetterWriter} and read back as events by the
 * {@code dead-letter} format.
 */
package io.cdcsdk.core.json;
