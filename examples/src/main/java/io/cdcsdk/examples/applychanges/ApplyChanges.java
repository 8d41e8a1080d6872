package io.cdcsdk.examples.applychanges;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.ChangeReaders;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.Row;
import io.cdcsdk.dms.DmsObjectKey;
import io.cdcsdk.dms.TableDefinitions;
import io.cdcsdk.router.Compaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * "Apply changes" over the CSV files DMS wrote for one table: the full-load files
 * ({@code LOAD00000001.csv}, ...) then the CDC files ({@code 20240612-103125108.csv}, ...) in name
 * order, folded with the router's {@link Compaction} into the latest row per primary key. Rows
 * inserted and deleted again vanish; deleted full-load rows vanish; the rest keep their last image.
 *
 * <p>Header-less DMS CSV needs the table's columns: pass the table definitions JSON (the key
 * columns there are the primary key). Run with the {@code cdc.jar} the module builds:
 * <pre>{@code
 * java -cp cdc.jar io.cdcsdk.examples.applychanges.ApplyChanges dms-s3/cdc/public/orders dms-s3/northwind-tables.json
 * }</pre>
 * It prints one line per current row, {@code {key} -> {row}}, and the row count to stderr. In a Lambda or a batch job the same fold
 * feeds a {@code MERGE} into a warehouse table. Everything is held in memory: fine for a table
 * folder between two merges, not for a whole history of a big table.
 */
public final class ApplyChanges {

    private ApplyChanges() {
    }

    /** The DMS files of a table folder in apply order: LOAD files by counter, then CDC files by name. */
    public static List<Path> filesInApplyOrder(Path tableFolder) throws IOException {
        try (Stream<Path> files = Files.walk(tableFolder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> kind(f) == DmsObjectKey.Kind.LOAD || kind(f) == DmsObjectKey.Kind.CDC)
                    .sorted(Comparator.comparing((Path f) -> kind(f) == DmsObjectKey.Kind.LOAD ? 0 : 1)
                            .thenComparing(f -> f.getFileName().toString()))
                    .toList();
        }
    }

    private static DmsObjectKey.Kind kind(Path file) {
        return DmsObjectKey.parse(file.getFileName().toString()).kind();
    }

    /**
     * The net change per key over the table folder's files: a {@code SNAPSHOT} or {@code INSERT} or
     * {@code UPDATE} carrying each current row, a {@code DELETE} for full-load rows deleted since.
     */
    public static List<ChangeEvent> netChanges(Path tableFolder, TableDefinitions tables) throws IOException {
        ReadOptions options = ReadOptions.defaults().withExtension(tables);
        List<Path> files = filesInApplyOrder(tableFolder);
        // Files in apply order, their rows in file order: arrival order is the sequence.
        Iterable<ChangeEvent> events = () -> files.stream().flatMap(f -> read(f, options).stream()).iterator();
        return Compaction.builder().sequenceBy(Compaction.Sequence.ARRIVAL).build().compact(events);
    }

    /** The latest row per primary key (the event key), in the order each key last changed. */
    public static Map<Row, Row> latestRows(Path tableFolder, TableDefinitions tables) throws IOException {
        Map<Row, Row> rows = new LinkedHashMap<>();
        for (ChangeEvent e : netChanges(tableFolder, tables)) {
            if (e.after() != null) {
                rows.put(e.key(), e.after());
            }
        }
        return rows;
    }

    private static List<ChangeEvent> read(Path file, ReadOptions options) {
        List<ChangeEvent> events = new ArrayList<>();
        try (ChangeReader reader = ChangeReaders.open(file, "dms-csv", options)) {
            reader.forEachRemaining(events::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** {@code ApplyChanges <table folder> <table definitions JSON>}: prints the current rows. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ApplyChanges <table folder> <table definitions JSON>");
            System.exit(2);
        }
        Map<Row, Row> rows = latestRows(Path.of(args[0]), TableDefinitions.read(Path.of(args[1])));
        // the rows are this program's output (Row.toString() hides values, so print the maps)
        rows.forEach((key, row) -> System.out.println(key.asMap() + " -> " + row.asMap()));
        System.err.println(rows.size() + " rows");
    }
}
