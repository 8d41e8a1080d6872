package io.cdcsdk.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cdcsdk.core.testing.Generators;
import io.cdcsdk.core.testing.Seeds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelTest {
    private static final String MARKER = "SECRET-MARKER-42";

    @Test
    void operationWireNamesRoundTrip() {
        for (Operation op : Operation.values()) {
            assertEquals(op, Operation.fromWireName(op.wireName()));
        }
    }

    @Test
    void unknownOperationListsTheAllowedNamesButNotTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Operation.fromWireName(MARKER));
        for (String name : List.of("insert", "update", "delete", "snapshot", "ddl")) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertFalse(e.getMessage().contains(MARKER));
        assertThrows(IllegalArgumentException.class, () -> Operation.fromWireName("INSERT"));
        assertThrows(IllegalArgumentException.class, () -> Operation.fromWireName(null));
    }

    @Test
    void rowAndEventToStringNameColumnsButNoValues() {
        Row row = Row.builder().put("card", MARKER).put("amount", new BigDecimal("123456.789"))
                .put("blob", MARKER.getBytes()).put("tags", Set.of(MARKER)).put("nested", Map.of("k", MARKER)).build();
        assertEquals("Row[card, amount, blob, tags, nested]", row.toString());
        ChangeEvent event = ChangeEvent.builder(Operation.UPDATE, SourceInfo.of("dms-json", "s", "t"))
                .key(Row.builder().put("id", MARKER).build()).before(row).after(row)
                .ts(Instant.parse("2024-01-01T00:00:00.000000001Z")).tx(MARKER).meta("m", MARKER).build();
        String s = event.toString();
        assertFalse(s.contains(MARKER), s);
        assertFalse(s.contains("123456"), s);
        assertTrue(s.contains("update") && s.contains("s.t") && s.contains("[id]"), s);
        assertEquals("Bytes[16]", Bytes.of(MARKER.getBytes()).toString());
    }

    @Test
    void generatedEventsNeverPrintTheirValues() {
        Seeds.forAll("toString without values", 0x5EED_0301L, 500, random -> {
            Row row = Row.builder().put("c" + random.nextInt(100), MARKER).put("x", Generators.value(random, 0)).build();
            ChangeEvent e = Generators.event(random).toBuilder().after(row).before(row).build();
            assertFalse(e.toString().contains(MARKER));
            assertFalse(row.toString().contains(MARKER));
        });
    }

    @Test
    void typedGetterFailureNamesColumnAndKindOnly() {
        Row row = Row.builder().put("amount", MARKER).build();
        ClassCastException e = assertThrows(ClassCastException.class, () -> row.decimal("amount"));
        assertTrue(e.getMessage().contains("amount") && e.getMessage().contains("string"), e.getMessage());
        assertFalse(e.getMessage().contains(MARKER));
    }

    @Test
    void valuesRefuseFloatingPointAndCopyContainers() {
        assertThrows(IllegalArgumentException.class, () -> Values.of(1.5d));
        assertEquals(BigDecimal.valueOf(7), Values.of(7));
        List<Object> source = new java.util.ArrayList<>(List.of(1, "a"));
        Object copy = Values.of(source);
        source.add("b");
        assertEquals(List.of(BigDecimal.ONE, "a"), copy);
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) copy).add("c"));
        assertTrue(Values.of(Set.of("x")) instanceof Set);
        assertEquals("set", Values.kind(Values.of(Set.of("x"))));
    }

    public record Address(String city, List<String> lines) {
    }

    public record Order(long orderId, BigDecimal totalAmount, byte[] rawPayload, List<BigDecimal> lineAmounts,
                        Set<String> tagSet, Address shippingAddress, String note) {
    }

    @Test
    void bindsSnakeCaseColumnsToARecord() {
        Row row = Row.builder()
                .put("order_id", 42L)
                .put("total_amount", new BigDecimal("9.9999999999999999999999999999999999999E+125"))
                .put("raw_payload", new byte[] {1, 2, (byte) 0xFF})
                .put("line_amounts", List.of(new BigDecimal("1.10"), new BigDecimal("1E-130")))
                .put("tag_set", Set.of("a", "b"))
                .put("shipping_address", Map.of("city", "Zürich 😀", "lines", List.of("x", "y")))
                .put("note", null)
                .put("ignored_column", "ignored")
                .build();
        Order order = row.as(Order.class, RowBinder.snakeCase());
        assertEquals(42L, order.orderId());
        assertEquals(new BigDecimal("9.9999999999999999999999999999999999999E+125"), order.totalAmount());
        assertArrayEquals(new byte[] {1, 2, (byte) 0xFF}, order.rawPayload());
        assertEquals(List.of(new BigDecimal("1.10"), new BigDecimal("1E-130")), order.lineAmounts());
        assertEquals(Set.of("a", "b"), order.tagSet());
        assertEquals(new Address("Zürich 😀", List.of("x", "y")), order.shippingAddress());
        assertNull(order.note());
    }

    public record Plain(long id, BigDecimal amount) {
    }

    @Test
    void bindsColumnsAsTheyAreByDefault() {
        ChangeEvent e = ChangeEvent.builder(Operation.INSERT, SourceInfo.of("x", "t"))
                .after(Row.builder().put("id", 7).put("amount", new BigDecimal("0.10")).build()).build();
        assertEquals(new Plain(7, new BigDecimal("0.10")), e.after(Plain.class));
        assertNull(e.before(Plain.class));
    }

    @Test
    void failingBindNamesTypeAndColumnButNotTheValue() {
        for (Row row : List.of(Row.builder().put("id", MARKER).build(),
                Row.builder().put("id", 1).put("amount", MARKER).build(),
                Row.builder().put("id", new BigDecimal("1" + "0".repeat(30))).build(),
                Row.builder().put("id", List.of(MARKER)).build())) {
            RowBindingException e = assertThrows(RowBindingException.class, () -> row.as(Plain.class));
            assertTrue(e.getMessage().contains(Plain.class.getName()), e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(MARKER), t.getMessage());
            }
        }
        RowBindingException e = assertThrows(RowBindingException.class,
                () -> Row.builder().put("id", 1).put("amount", MARKER).build().as(Plain.class));
        assertTrue(e.getMessage().contains("amount"), e.getMessage());
    }

    @Test
    void bindingExtremeExponentsFailsFast() {
        for (String n : List.of("1E+999999999", "1E-999999999", "-1E+999999999")) {
            Row row = Row.builder().put("id", new BigDecimal(n)).build();
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                try {
                    row.as(Plain.class);
                } catch (RowBindingException expected) {
                    // fine: it does not fit a long
                }
            }, n);
        }
    }

    @Test
    void bytesBase64RoundTripAndOrder() {
        Seeds.forAll("bytes base64", 0x5EED_0302L, 500, random -> {
            Bytes b = Generators.bytes(random);
            assertEquals(b, Bytes.fromBase64(b.toBase64()));
            assertEquals(java.util.Base64.getEncoder().encodeToString(b.toByteArray()), b.toBase64());
        });
        assertTrue(Bytes.of(new byte[] {(byte) 0x80}).compareTo(Bytes.of(new byte[] {0x7F})) > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bytes.fromBase64(MARKER + "!"));
        assertFalse(e.getMessage().contains(MARKER));
    }

    @Test
    void positionDescribesItself() {
        assertEquals("orders.csv line 17 (record 16, byte 1024)", new Position("orders.csv", 17, 1024, 16).describe());
        assertEquals("a.json", Position.of("a.json").describe());
        assertEquals("a.json record 3", new Position("a.json", -1, -1, 3).describe());
    }

    @Test
    void unavailableColumnsAreNeverInTheirImageAndNeverInAFullOne() {
        SourceInfo source = SourceInfo.of("f", "t");
        Row after = Row.builder().put("id", BigDecimal.ONE).put("note", null).build();
        ChangeEvent.Builder update = ChangeEvent.builder(Operation.UPDATE, source).after(after);
        IllegalArgumentException inImage = assertThrows(IllegalArgumentException.class,
                () -> update.unavailable(List.of("note")).build());
        assertEquals("column note is listed as unavailable and is in the image", inImage.getMessage());
        assertThrows(IllegalArgumentException.class, () -> update.unavailable(List.of("photo"))
                .images(new Images(null, Completeness.FULL)).build());

        ChangeEvent partial = update.unavailable(List.of("photo", "bio")).images(new Images(Completeness.ABSENT,
                Completeness.PARTIAL)).build();
        assertEquals(List.of("photo", "bio"), List.copyOf(partial.unavailable()));
        assertThrows(UnsupportedOperationException.class, () -> partial.unavailable().add("x"));
        assertEquals(partial, partial.toBuilder().build());

        // A delete's unavailable columns belong to its before image.
        Row before = Row.builder().put("id", BigDecimal.ONE).build();
        ChangeEvent delete = ChangeEvent.builder(Operation.DELETE, source).before(before)
                .unavailable(List.of("note")).build();
        assertEquals(Set.of("note"), delete.unavailable());
        assertThrows(IllegalArgumentException.class, () -> delete.toBuilder().unavailable(List.of("id")).build());
    }

    @Test
    void eventsOfVersionOneKnowNothingOfTheirImages() {
        ChangeEvent e = new ChangeEvent(Operation.INSERT, SourceInfo.of("f", "t"), null, null, null, null, null,
                null, Map.of());
        assertEquals(Images.UNKNOWN, e.images());
        assertTrue(e.images().isUnknown());
        assertEquals(Set.of(), e.unavailable());
        assertEquals(e, ChangeEvent.builder(Operation.INSERT, SourceInfo.of("f", "t")).images(null).unavailable(null).build());
    }

    @Test
    void completenessWireNamesRoundTrip() {
        for (Completeness c : Completeness.values()) {
            assertEquals(c, Completeness.fromWireName(c.wireName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Completeness.fromWireName(MARKER));
        assertEquals("unknown image completeness; expected one of full, keys, partial, absent", e.getMessage());
    }
}
