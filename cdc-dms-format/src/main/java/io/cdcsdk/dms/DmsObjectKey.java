package io.cdcsdk.dms;

import io.cdcsdk.core.Nullable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an S3 object key that the DMS S3 target wrote:
 * {@code [bucketFolder/]schema/table/[date folders/]FILE}, where {@code FILE} is a full-load file
 * ({@code LOAD00000001.csv}, hexadecimal counter, optionally {@code SEGMENTn_} or a partition name
 * before it), a CDC file ({@code 20240612-103125108.csv}) or a transaction file
 * ({@code CDC_TXN-20201117153046033.csv}, which holds rows of many tables), each optionally
 * {@code .gz}. Date folders follow {@code DatePartitionSequence} ({@code YYYYMMDD},
 * {@code YYYYMMDDHH}, {@code YYYYMM}, {@code MMYYYYDD}, {@code DDMMYYYY}) and
 * {@code DatePartitionDelimiter} ({@code /}, {@code _}, {@code -} or none).
 *
 * <p>A parallel full load ({@code parallel-load} table settings) writes each partition of a table
 * to a folder of its own, {@code schema/table/partition/LOAD00000001.csv}, which the key alone
 * cannot tell from {@code bucketFolder/schema/table/LOAD00000001.csv}. {@link #parse(String)} reads
 * it the second way; {@link #parse(String, TableDefinitions)} reads it the first way when the table
 * definitions define {@code schema.table} and not the table the last two folders would name.
 *
 * <p>A leading {@code s3://bucket/} is ignored. Keys from S3 event notifications are form-URL
 * encoded; decode them first with {@link #decodeEventKey(String)}.
 *
 * @param key           the key as given
 * @param bucketFolder  the folders before the schema folder, or {@code null}
 * @param schema        the schema folder, or {@code null} when the key has fewer than two folders
 *                      before the file (or the file is a transaction file or of kind {@code OTHER})
 * @param table         the table folder, or {@code null} (see {@code schema})
 * @param datePartition the date folders as written ({@code 2024/06/12}, {@code 2024-06-12}), or {@code null}
 * @param datePartitionSequence the matching {@code DatePartitionSequence} value, or {@code null}
 * @param datePartitionDelimiter the delimiter ({@code "/"}, {@code "_"}, {@code "-"}, {@code ""}), or {@code null}
 * @param fileName      the last segment of the key
 * @param kind          what the file is
 * @param segment       the {@code SEGMENTn} or partition prefix of a LOAD file name, or {@code null}
 * @param partition     the partition folder of a parallel full load ({@code schema/table/partition/LOAD...}),
 *                      or {@code null}; only {@link #parse(String, TableDefinitions)} finds one
 * @param loadCounter   the counter of a LOAD file ({@code 1} for {@code LOAD00000001}), or {@code -1}
 * @param gzip          whether the name ends with {@code .gz}
 * @param extension     {@code csv}, {@code parquet} or another extension without dot (before {@code .gz}), or ""
 */
public record DmsObjectKey(
        String key,
        @Nullable String bucketFolder,
        @Nullable String schema,
        @Nullable String table,
        @Nullable String datePartition,
        @Nullable String datePartitionSequence,
        @Nullable String datePartitionDelimiter,
        String fileName,
        Kind kind,
        @Nullable String segment,
        @Nullable String partition,
        long loadCounter,
        boolean gzip,
        String extension) {

    /** What kind of file a key names. */
    public enum Kind {
        /** A full-load file ({@code LOAD*}): its rows are snapshot rows. */
        LOAD,
        /** A CDC file named by its timestamp. */
        CDC,
        /** A transaction-ordered CDC file ({@code CDC_TXN-*}, {@code PreserveTransactions}). */
        CDC_TXN,
        /** A name DMS does not write. */
        OTHER
    }

    private static final Pattern LOAD = Pattern.compile("(?:(.+)_)?LOAD([0-9A-Fa-f]{8})");
    private static final Pattern CDC = Pattern.compile("\\d{8}-\\d{6,}");
    private static final Pattern CDC_TXN = Pattern.compile("CDC_TXN-\\d+");

    /**
     * Checks that the components every key has are given; {@link #parse(String)} is the usual way
     * to get one.
     *
     * @param key                    the key as given
     * @param bucketFolder           the folders before the schema folder, or {@code null}
     * @param schema                 the schema folder, or {@code null}
     * @param table                  the table folder, or {@code null}
     * @param datePartition          the date folders as written, or {@code null}
     * @param datePartitionSequence  the matching {@code DatePartitionSequence} value, or {@code null}
     * @param datePartitionDelimiter the {@code DatePartitionDelimiter}, or {@code null}
     * @param fileName               the last segment of the key
     * @param kind                   what the file is
     * @param segment                the {@code SEGMENTn} or partition prefix of a LOAD file name, or {@code null}
     * @param partition              the partition folder of a parallel full load, or {@code null}
     * @param loadCounter            the counter of a LOAD file, or {@code -1}
     * @param gzip                   whether the name ends with {@code .gz}
     * @param extension              the extension without dot, or ""
     * @throws NullPointerException when {@code key}, {@code fileName}, {@code kind} or
     *                              {@code extension} is {@code null}
     */
    public DmsObjectKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(extension, "extension");
    }

    /**
     * Decodes an object key as S3 event notifications carry it
     * ({@code application/x-www-form-urlencoded}: {@code +} is a space, {@code %2B} a plus).
     *
     * @param eventKey the {@code s3.object.key} of an S3 event notification record
     * @return the key as stored in S3
     * @throws IllegalArgumentException when a {@code %} escape is not two hexadecimal digits
     */
    public static String decodeEventKey(String eventKey) {
        return URLDecoder.decode(eventKey, StandardCharsets.UTF_8);
    }

    /**
     * Decodes an object key from an S3 event notification and parses it: {@link #parse(String)} of
     * {@link #decodeEventKey(String)}.
     *
     * @param eventKey the {@code s3.object.key} of an S3 event notification record
     * @return the parts of the decoded key; {@link #key()} is the decoded key
     * @throws IllegalArgumentException when a {@code %} escape is not two hexadecimal digits
     */
    public static DmsObjectKey parseEventKey(String eventKey) {
        return parse(decodeEventKey(eventKey));
    }

    /**
     * Parses a key (or a local path with the same layout). Never fails on a key; unknown parts are
     * null.
     *
     * @param key an S3 object key, an {@code s3://} or {@code s3a://} URI, or a local path
     *            (backslashes count as slashes); already decoded
     * @return the parts of the key; a transaction file or a name DMS does not write
     *         ({@link Kind#OTHER}) has no schema or table, and all its folders are the
     *         {@link #bucketFolder()}
     * @throws NullPointerException when {@code key} is null, with a message saying so
     */
    public static DmsObjectKey parse(String key) {
        if (key == null) {
            throw new NullPointerException("DmsObjectKey.parse: the key is null (expected an S3 object key, an s3:// URI"
                    + " or a file path)");
        }
        String k = key.replace('\\', '/');
        if (k.startsWith("s3://") || k.startsWith("s3a://")) {
            int start = k.indexOf("//") + 2;
            int slash = k.indexOf('/', start);
            k = slash < 0 ? "" : k.substring(slash + 1);
        }
        List<String> parts = new ArrayList<>(Arrays.asList(k.split("/")));
        parts.removeIf(String::isEmpty);
        String fileName = parts.isEmpty() ? "" : parts.remove(parts.size() - 1);
        String base = fileName;
        boolean gzip = base.toLowerCase(Locale.ROOT).endsWith(".gz");
        if (gzip) {
            base = base.substring(0, base.length() - 3);
        }
        String ext = "";
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            ext = base.substring(dot + 1).toLowerCase(Locale.ROOT);
            base = base.substring(0, dot);
        }
        Kind kind = Kind.OTHER;
        String segment = null;
        long counter = -1;
        Matcher m = LOAD.matcher(base);
        if (m.matches()) {
            kind = Kind.LOAD;
            segment = m.group(1);
            counter = Long.parseLong(m.group(2), 16);
        } else if (CDC_TXN.matcher(base).matches()) {
            kind = Kind.CDC_TXN;
        } else if (CDC.matcher(base).matches()) {
            kind = Kind.CDC;
        }
        String datePartition = null;
        String sequence = null;
        String delimiter = null;
        if (kind == Kind.CDC) {
            DateMatch d = matchDate(parts);
            if (d != null) {
                datePartition = String.join("/", parts.subList(parts.size() - d.segments, parts.size()));
                sequence = d.sequence;
                delimiter = d.delimiter;
                parts = new ArrayList<>(parts.subList(0, parts.size() - d.segments));
            }
        }
        String schema = null;
        String table = null;
        String bucketFolder = null;
        if (kind != Kind.CDC_TXN && kind != Kind.OTHER && parts.size() >= 2) {
            table = parts.get(parts.size() - 1);
            schema = parts.get(parts.size() - 2);
            if (parts.size() > 2) {
                bucketFolder = String.join("/", parts.subList(0, parts.size() - 2));
            }
        } else if (!parts.isEmpty() && (kind == Kind.CDC_TXN || kind == Kind.OTHER)) {
            bucketFolder = String.join("/", parts);
        }
        return new DmsObjectKey(key, bucketFolder, schema, table, datePartition, sequence, delimiter, fileName,
                kind, segment, null, counter, gzip, ext);
    }

    /**
     * Parses a key as {@link #parse(String)} does, telling a parallel full load's partition folder
     * from a bucket folder by the table definitions: a {@code LOAD} file's key
     * {@code a/b/c/LOAD...} whose {@code b.c} is not defined while {@code a.b} is, is table
     * {@code b} of schema {@code a}, partition {@code c}. Without such definitions the key reads as
     * by {@link #parse(String)}.
     *
     * @param key         as for {@link #parse(String)}
     * @param definitions the table definitions of the task; not {@code null}
     * @return the parts of the key, with {@link #partition()} set for a partition folder
     * @throws NullPointerException when {@code key} or {@code definitions} is null
     */
    public static DmsObjectKey parse(String key, TableDefinitions definitions) {
        DmsObjectKey k = parse(key);
        Objects.requireNonNull(definitions, "definitions");
        if (k.kind != Kind.LOAD || k.bucketFolder == null || definitions.find(k.schema, k.table).isPresent()) {
            return k;
        }
        int slash = k.bucketFolder.lastIndexOf('/');
        String schema = k.bucketFolder.substring(slash + 1);
        if (definitions.find(schema, k.schema).isEmpty()) {
            return k;
        }
        return new DmsObjectKey(k.key, slash < 0 ? null : k.bucketFolder.substring(0, slash), schema, k.schema,
                null, null, null, k.fileName, k.kind, k.segment, k.table, k.loadCounter, k.gzip, k.extension);
    }

    /**
     * {@return whether schema and table are known from the key} They are for LOAD and CDC files with
     * at least two folders (besides date folders) before the file name.
     */
    public boolean hasTable() {
        return schema != null && table != null;
    }

    private record DateMatch(int segments, String sequence, String delimiter) {
    }

    // Field codes: Y year (4), M month (2), D day (2), H hour (2).
    private static final String[][] SEQUENCES = {
            {"YYYYMMDDHH", "YMDH"}, {"YYYYMMDD", "YMD"}, {"MMYYYYDD", "MYD"}, {"DDMMYYYY", "DMY"}, {"YYYYMM", "YM"}};

    private static DateMatch matchDate(List<String> dirs) {
        // Folders separated by "/": one field per folder. Keep at least schema and table.
        for (String[] seq : SEQUENCES) {
            String fields = seq[1];
            int n = fields.length();
            if (dirs.size() >= n + 2) {
                boolean ok = true;
                for (int i = 0; i < n && ok; i++) {
                    ok = validField(fields.charAt(i), dirs.get(dirs.size() - n + i));
                }
                if (ok) {
                    return new DateMatch(n, seq[0], "/");
                }
            }
        }
        if (dirs.size() < 3) {
            return null;
        }
        String last = dirs.get(dirs.size() - 1);
        for (String delim : new String[] {"_", "-", ""}) {
            for (String[] seq : SEQUENCES) {
                if (matchesJoined(last, seq[1], delim)) {
                    return new DateMatch(1, seq[0], delim);
                }
            }
        }
        return null;
    }

    private static boolean matchesJoined(String s, String fields, String delim) {
        int pos = 0;
        for (int i = 0; i < fields.length(); i++) {
            if (i > 0) {
                if (!s.startsWith(delim, pos)) {
                    return false;
                }
                pos += delim.length();
            }
            int w = fields.charAt(i) == 'Y' ? 4 : 2;
            if (pos + w > s.length() || !validField(fields.charAt(i), s.substring(pos, pos + w))) {
                return false;
            }
            pos += w;
        }
        return pos == s.length();
    }

    private static boolean validField(char field, String s) {
        int w = field == 'Y' ? 4 : 2;
        if (s.length() != w) {
            return false;
        }
        for (int i = 0; i < w; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        int v = Integer.parseInt(s);
        return switch (field) {
            case 'Y' -> v >= 1970 && v <= 2999;
            case 'M' -> v >= 1 && v <= 12;
            case 'D' -> v >= 1 && v <= 31;
            default -> v <= 23;
        };
    }
}
