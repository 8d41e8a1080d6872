package io.cdcsdk.examples.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: {@code command} is {@value #CAT}, {@value #STATS}, {@value #HELP} or
 * {@value #VERSION}; the other fields apply to the first two.
 */
record Arguments(String command, String format, String tableDef, boolean skip, String deadLetter, List<String> paths) {
    static final String CAT = "cat";
    static final String STATS = "stats";
    static final String HELP = "help";
    static final String VERSION = "version";

    /** Parses the arguments; a usage error throws {@link IllegalArgumentException} with a one-line message. */
    static Arguments parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command");
        }
        String first = args[0].equals(HELP) ? HELP : standalone(args[0]);
        if (first != null) {
            return only(first);
        }
        String command = args[0];
        if (!command.equals(CAT) && !command.equals(STATS)) {
            throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        String format = null;
        String tableDef = null;
        boolean skip = false;
        String deadLetter = null;
        List<String> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            String name = arg;
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String alone = standalone(arg);
            if (alone != null) {
                return only(alone);
            }
            switch (name) {
                case "--format" -> format = value != null ? value : next(args, ++i, name);
                case "--table-def" -> tableDef = value != null ? value : next(args, ++i, name);
                case "--on-error" -> {
                    if (!command.equals(CAT)) {
                        throw new IllegalArgumentException("--on-error applies to cat only");
                    }
                    String v = value != null ? value : next(args, ++i, name);
                    if (v.equals("skip")) {
                        skip = true;
                    } else if (!v.equals("fail")) {
                        throw new IllegalArgumentException("--on-error takes fail or skip");
                    }
                }
                case "--dead-letter" -> {
                    if (!command.equals(CAT)) {
                        throw new IllegalArgumentException("--dead-letter applies to cat only");
                    }
                    deadLetter = value != null ? value : next(args, ++i, name);
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + name);
                    }
                    paths.add(arg);
                }
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no PATH given");
        }
        if (deadLetter != null && !skip) {
            throw new IllegalArgumentException("--dead-letter needs --on-error skip");
        }
        return new Arguments(command, format, tableDef, skip, deadLetter, List.copyOf(paths));
    }

    /** The command an argument asks for whatever else is given (help, version), or null. */
    private static String standalone(String arg) {
        return switch (arg) {
            case "-h", "--help" -> HELP;
            case "--version" -> VERSION;
            default -> null;
        };
    }

    private static Arguments only(String command) {
        return new Arguments(command, null, null, false, null, List.of());
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
