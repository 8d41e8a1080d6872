package io.cdcsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The objects S3 events announce, from the AWS documentation's samples (see {@code s3/README.md}). */
class S3ObjectCreatedTest {
    private static final String DMS_KEY = "dms exports+eu/public/orders/20240612-103125108.csv";

    private static List<S3ObjectCreated> read(String name, List<ChangeReadException> unreadable) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/s3/" + name))) {
            return S3ObjectCreated.read(in, unreadable::add);
        }
    }

    @Test
    void aNotificationGivesTheDecodedKeySizeAndVersion() throws IOException {
        List<ChangeReadException> unreadable = new ArrayList<>();
        assertEquals(List.of(new S3ObjectCreated("mybucket", DMS_KEY, 1024, "096fKKXTRTtl3on89fVO.nfljtsv6qko", null)),
                read("s3-event_aws-docs_objectcreated-put_dms-key.json", unreadable));
        assertEquals(List.of(), read("s3-event_aws-docs_test-event.json", unreadable));
        assertEquals(List.of(new S3ObjectCreated("DOC-EXAMPLE-BUCKET1", "example-key", 5, "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", null)),
                read("eventbridge-object-created_aws-docs-s3-ug.json", unreadable));
        assertEquals(List.of(), unreadable);
    }

    @Test
    void throughSqsEachObjectNamesItsMessageAndABodyThatIsNoS3EventIsReported() throws IOException {
        List<ChangeReadException> unreadable = new ArrayList<>();
        List<S3ObjectCreated> objects = read("sqs-event_aws-docs-lambda-dg_s3-notifications.json", unreadable);
        assertEquals(List.of(
                new S3ObjectCreated("mybucket", DMS_KEY, 1024, "096fKKXTRTtl3on89fVO.nfljtsv6qko", "059f36b4-87a3-44ab-83d2-661975830a7d"),
                new S3ObjectCreated("DOC-EXAMPLE-BUCKET1", "example-key", 5, "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e",
                        "1c9e6b2f-7a4d-4e8b-b2c5-5f6e7d8c9a01"),
                new S3ObjectCreated("mybucket", DMS_KEY, 1024, "096fKKXTRTtl3on89fVO.nfljtsv6qko", "3d2a1b0c-9e8f-4a7b-8c6d-5e4f3a2b1c0d")),
                objects);
        assertEquals(1, unreadable.size(), "the test event is no object, and no failure; the plain text body is one");
        assertEquals("8f3b8c1e-3f6a-4c1a-9d55-0d4a3c0f2b11", unreadable.get(0).envelopeId().orElseThrow());
        assertTrue(!unreadable.get(0).getMessage().contains("Test message"), unreadable.get(0).getMessage());
    }

    @Test
    void anEventOfAnotherKindIsAnError() {
        ChangeReadException e = assertThrows(ChangeReadException.class, () -> S3ObjectCreated.read(
                new ByteArrayInputStream("{\"Records\":[]".getBytes(StandardCharsets.UTF_8)), x -> { }));
        assertEquals(ChangeReadException.Kind.MALFORMED, e.kind());
        e = assertThrows(ChangeReadException.class, () -> S3ObjectCreated.read(
                new ByteArrayInputStream("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)), x -> { }));
        assertEquals(ChangeReadException.Kind.UNSUPPORTED, e.kind());
    }
}
