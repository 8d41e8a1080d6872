/**
 * The ChangeEvent JSON form (version 1): one event per line, as the command-line tool prints it
 * and the {@code cdc-json} format reads it; written and read by
 * {@link io.cdcsdk.core.json.ChangeEventJson}.
 */
package io.cdcsdk.core.json;
