package io.cdcsdk.dms.parquet;

import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.testing.Golden;
import io.cdcsdk.core.testing.MutationHarness;
import io.cdcsdk.core.testing.MutationHarness.Sample;
import io.cdcsdk.core.testing.Mutations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.cdcsdk.core.testing.Mutations.concat;
import static io.cdcsdk.core.testing.Mutations.insert;

/**
 * The real DMS Parquet sample, damaged at random (truncated, bytes flipped, junk inserted, ranges
 * deleted), read under FAIL and SKIP: only {@link ChangeReadException} may leave the reader, always
 * with a position naming the source.
 */
class DmsParquetMutationTest {
    private static final String SAMPLE = "s3-parquet_real_segmentio-parquet-go_dms_test_table_LOAD00000001.parquet";
    private static final MutationHarness HARNESS = new MutationHarness("SECRET-MARKER-7Q", Limits.DEFAULTS
            .withMaxRecordBytes(600).withMaxStringLength(80).withMaxNestingDepth(4).withMaxNumberLength(12),
            (s, random) -> Mutations.oneToThree(s.bytes(), random, DmsParquetMutationTest::mutateBinary));

    @Test
    void parquetSampleUnderMutation() throws IOException {
        Sample sample = new Sample(SAMPLE, Files.readAllBytes(Golden.resource("samples/" + SAMPLE)),
                "dms/public/test_table/LOAD00000001.parquet", new DmsParquetAdapter(), ReadOptions.defaults(), false);
        HARNESS.run("dms-parquet mutation", 0x7E57_0003L, 300, List.of(sample));
    }

    private static byte[] mutateBinary(byte[] b, Random random) {
        int at = random.nextInt(b.length);
        switch (random.nextInt(5)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1:
            case 2: {
                byte[] c = b.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    c[random.nextInt(c.length)] = (byte) random.nextInt(256);
                }
                return c;
            }
            case 3: {
                byte[] junk = new byte[1 + random.nextInt(16)];
                random.nextBytes(junk);
                return insert(b, at, junk);
            }
            default: {
                int end = Math.min(b.length, at + 1 + random.nextInt(64));
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, end, b.length));
            }
        }
    }
}
