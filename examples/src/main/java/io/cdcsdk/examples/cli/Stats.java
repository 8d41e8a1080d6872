package io.cdcsdk.examples.cli;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.Operation;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** Event counts per schema.table and operation. */
final class Stats {
    private final Map<String, long[]> perTable = new TreeMap<>();
    private final long[] totals = new long[Operation.values().length];
    private long events;

    void add(ChangeEvent e) {
        String table = e.source().qualifiedTable();
        if (table.isEmpty()) {
            table = "(none)";
        }
        perTable.computeIfAbsent(table, t -> new long[Operation.values().length])[e.op().ordinal()]++;
        totals[e.op().ordinal()]++;
        events++;
    }

    void print(PrintStream out, long nanos, long inputBytes, int files, int skipped) {
        int width = Math.max("schema.table".length(), "total".length());
        for (String t : perTable.keySet()) {
            width = Math.max(width, t.length());
        }
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s", "schema.table"));
        for (Operation op : Operation.values()) {
            header.append(String.format(" %10s", op.wireName()));
        }
        header.append(String.format(" %10s", "total"));
        out.println(header);
        for (Map.Entry<String, long[]> e : perTable.entrySet()) {
            out.println(row(width, e.getKey(), e.getValue()));
        }
        out.println(row(width, "total", totals));
        double seconds = Math.max(nanos, 1) / 1e9;
        out.printf("%d events from %d file(s), %d bytes in %.3f s: %.0f events/s, %.1f MB/s%s%n",
                events, files, inputBytes, seconds, events / seconds, inputBytes / seconds / 1e6,
                skipped > 0 ? ", " + skipped + " bad record(s) skipped" : "");
    }

    private static String row(int width, String name, long[] counts) {
        StringBuilder sb = new StringBuilder(String.format("%-" + width + "s", name));
        long sum = 0;
        for (long c : counts) {
            sb.append(String.format(" %10d", c));
            sum += c;
        }
        sb.append(String.format(" %10d", sum));
        return sb.toString();
    }

}
