package io.cdcsdk.core;

/**
 * Bounds that protect a reader from hostile or broken input. A record that exceeds one fails with
 * {@link ChangeReadException.Kind#LIMIT_EXCEEDED} (or is skipped under {@link OnError#SKIP});
 * the reader never runs out of memory or stack because of one record.
 *
 * @param maxRecordBytes   the largest record (one JSON value, CSV row, ...), in bytes
 * @param maxStringLength  the longest string value, in characters
 * @param maxNestingDepth  the deepest nesting of objects and arrays
 * @param maxNumberLength  the longest number, in characters
 * @param maxGzipRatio     the largest ratio of decompressed to compressed bytes, checked once
 *                         more than {@code gzipRatioFloorBytes} were decompressed
 * @param gzipRatioFloorBytes decompressed bytes below which the ratio is not checked
 */
public record Limits(
        int maxRecordBytes,
        int maxStringLength,
        int maxNestingDepth,
        int maxNumberLength,
        int maxGzipRatio,
        long gzipRatioFloorBytes) {

    /** 64 MiB records, 32 Mi-character strings, depth 64, 1000-character numbers, gzip ratio 1000 above 16 MiB. */
    public static final Limits DEFAULTS = new Limits(64 << 20, 32 << 20, 64, 1000, 1000, 16L << 20);

    public Limits {
        if (maxRecordBytes <= 0 || maxStringLength <= 0 || maxNestingDepth <= 0 || maxNumberLength <= 0
                || maxGzipRatio <= 0 || gzipRatioFloorBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public Limits withMaxRecordBytes(int value) {
        return new Limits(value, maxStringLength, maxNestingDepth, maxNumberLength, maxGzipRatio, gzipRatioFloorBytes);
    }

    public Limits withMaxStringLength(int value) {
        return new Limits(maxRecordBytes, value, maxNestingDepth, maxNumberLength, maxGzipRatio, gzipRatioFloorBytes);
    }

    public Limits withMaxNestingDepth(int value) {
        return new Limits(maxRecordBytes, maxStringLength, value, maxNumberLength, maxGzipRatio, gzipRatioFloorBytes);
    }

    public Limits withMaxNumberLength(int value) {
        return new Limits(maxRecordBytes, maxStringLength, maxNestingDepth, value, maxGzipRatio, gzipRatioFloorBytes);
    }

    public Limits withMaxGzipRatio(int ratio, long floorBytes) {
        return new Limits(maxRecordBytes, maxStringLength, maxNestingDepth, maxNumberLength, ratio, floorBytes);
    }
}
