/** The ChangeEvent JSON form (version 1): one event per line, as the command-line tool prints it. */
package io.cdcsdk.core.json;
