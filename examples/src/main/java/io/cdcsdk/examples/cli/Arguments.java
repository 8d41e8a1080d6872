package io.cdcsdk.examples.cli;

import java.util.ArrayList;
import java.util.List;

/** The parsed command line. */
record Arguments(String command, String format, String tableDef, boolean skip, List<String> paths, boolean help) {

    static Arguments parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command");
        }
        if (args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            return new Arguments("help", null, null, false, List.of(), true);
        }
        String command = args[0];
        if (!command.equals("cat") && !command.equals("stats")) {
            throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        String format = null;
        String tableDef = null;
        boolean skip = false;
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
            switch (name) {
                case "--format" -> format = value != null ? value : next(args, ++i, name);
                case "--table-def" -> tableDef = value != null ? value : next(args, ++i, name);
                case "--on-error" -> {
                    if (!command.equals("cat")) {
                        throw new IllegalArgumentException("--on-error applies to cat only");
                    }
                    String v = value != null ? value : next(args, ++i, name);
                    if (v.equals("skip")) {
                        skip = true;
                    } else if (!v.equals("fail")) {
                        throw new IllegalArgumentException("--on-error takes fail or skip");
                    }
                }
                case "-h", "--help" -> {
                    return new Arguments(command, null, null, false, List.of(), true);
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
        return new Arguments(command, format, tableDef, skip, List.copyOf(paths), false);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
