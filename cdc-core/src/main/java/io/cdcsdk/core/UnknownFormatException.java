package io.cdcsdk.core;

import java.util.Collection;

/** No adapter has the requested name, or none recognized the input. Lists the known formats. */
public class UnknownFormatException extends CdcException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception whose message ends with the list of known formats.
     *
     * @param message      what was asked for, for example the unknown name
     * @param knownFormats the names of the adapters that are available
     */
    UnknownFormatException(String message, Collection<String> knownFormats) {
        super(message + "; known formats: " + String.join(", ", knownFormats));
    }
}
