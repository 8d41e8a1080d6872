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

    /**
     * 16 MiB records, 16 Mi-character strings, depth 64, 1000-character numbers, gzip ratio 1000
     * above 16 MiB.
     *
     * <p>A record is held several times while it is read: its bytes in the frame buffer, the
     * parser's character buffer (two bytes a character), the tree, and the event's values. With
     * 16 MiB a largest record needs roughly 100 MiB at its peak, which the heap of a 256 MB Lambda
     * can hold; with 64 MiB one record could exhaust any small heap. The largest records CDC
     * sources produce are far below it: a DynamoDB item is at most 400 KB, a Kinesis or Firehose
     * record at most 1 MiB to 10 MiB, and DMS limits LOB columns to 32 KB by default.
     */
    public static final Limits DEFAULTS = new Limits(16 << 20, 16 << 20, 64, 1000, 1000, 16L << 20);

    /**
     * Checks that every limit is positive (the gzip floor may be 0: the ratio is then always
     * checked).
     *
     * @param maxRecordBytes      the largest record, in bytes
     * @param maxStringLength     the longest string value, in characters
     * @param maxNestingDepth     the deepest nesting of objects and arrays
     * @param maxNumberLength     the longest number, in characters
     * @param maxGzipRatio        the largest ratio of decompressed to compressed bytes
     * @param gzipRatioFloorBytes decompressed bytes below which the ratio is not checked
     * @throws IllegalArgumentException when a limit is 0 or negative, or the floor is negative
     */
    public Limits {
        if (maxRecordBytes <= 0 || maxStringLength <= 0 || maxNestingDepth <= 0 || maxNumberLength <= 0
                || maxGzipRatio <= 0 || gzipRatioFloorBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * {@return a copy with another record size limit}
     *
     * @param value the largest record, in bytes
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public Limits withMaxRecordBytes(int value) {
        return new Limits(value, maxStringLength, maxNestingDepth, maxNumberLength, maxGzipRatio, gzipRatioFloorBytes);
    }

    /**
     * {@return a copy with another string length limit}
     *
     * @param value the longest string value, in characters
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public Limits withMaxStringLength(int value) {
        return new Limits(maxRecordBytes, value, maxNestingDepth, maxNumberLength, maxGzipRatio, gzipRatioFloorBytes);
    }

    /**
     * {@return a copy with another nesting depth limit}
     *
     * @param value the deepest nesting of objects and arrays
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public Limits withMaxNestingDepth(int value) {
        return new Limits(maxRecordBytes, maxStringLength, value, maxNumberLength, maxGzipRatio, gzipRatioFloorBytes);
    }

    /**
     * {@return a copy with another number length limit}
     *
     * @param value the longest number, in characters
     * @throws IllegalArgumentException when {@code value} is not positive
     */
    public Limits withMaxNumberLength(int value) {
        return new Limits(maxRecordBytes, maxStringLength, maxNestingDepth, value, maxGzipRatio, gzipRatioFloorBytes);
    }

    /**
     * {@return a copy with another gzip ratio limit}
     *
     * @param ratio      the largest ratio of decompressed to compressed bytes
     * @param floorBytes decompressed bytes below which the ratio is not checked
     * @throws IllegalArgumentException when {@code ratio} is not positive or {@code floorBytes}
     *                                  is negative
     */
    public Limits withMaxGzipRatio(int ratio, long floorBytes) {
        return new Limits(maxRecordBytes, maxStringLength, maxNestingDepth, maxNumberLength, ratio, floorBytes);
    }
}
