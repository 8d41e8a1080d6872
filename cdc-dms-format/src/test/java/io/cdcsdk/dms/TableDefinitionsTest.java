package io.cdcsdk.dms;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON form of the table definitions, with the unavailable-column fields of spec 1.1. */
class TableDefinitionsTest {
    private static TableDefinitions parse(String json) throws IOException {
        return TableDefinitions.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noSupValueOfTheTableThenOfTheDefinitions() throws IOException {
        TableDefinitions d = parse("{\"noSupValue\": \"@@NOSUP\", \"tables\": {"
                + "\"public.docs\": {\"columns\": [\"id\", \"body\", \"photo\"], \"key\": [\"id\"],"
                + " \"nullMeansUnavailable\": [\"body\", \"photo\"]},"
                + "\"public.tags\": {\"columns\": [\"id\", \"tag\"], \"noSupValue\": \"~\"}}}");
        TableDefinitions.Table docs = d.find("public", "docs").orElseThrow();
        TableDefinitions.Table tags = d.find("public", "tags").orElseThrow();
        assertEquals("@@NOSUP", d.noSupValue());
        assertNull(docs.noSupValue());
        assertEquals("@@NOSUP", d.noSupValue(docs));
        assertEquals("~", d.noSupValue(tags));
        assertEquals(List.of("body", "photo"), docs.nullMeansUnavailable());
        assertEquals(List.of(), tags.nullMeansUnavailable());
    }

    @Test
    void withoutTheFieldsNothingIsUnavailable() throws IOException {
        TableDefinitions d = parse("{\"tables\": {\"s.t\": {\"columns\": [\"a\"]}}}");
        TableDefinitions.Table t = d.find("s", "t").orElseThrow();
        assertNull(d.noSupValue());
        assertNull(d.noSupValue(t));
        assertEquals(List.of(), t.nullMeansUnavailable());
        assertEquals(t, new TableDefinitions.Table("s", "t", List.of("a"), null, null, null, null, null));
    }

    @Test
    void badFieldsAreNamed() {
        IllegalArgumentException unknownColumn = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"tables\": {\"s.t\": {\"columns\": [\"a\"], \"nullMeansUnavailable\": [\"b\"]}}}"));
        assertTrue(unknownColumn.getMessage().contains("nullMeansUnavailable of s.t"), unknownColumn.getMessage());
        IllegalArgumentException notText = assertThrows(IllegalArgumentException.class,
                () -> parse("{\"noSupValue\": 1, \"tables\": {}}"));
        assertTrue(notText.getMessage().contains("noSupValue"), notText.getMessage());
    }

    @Test
    void builderAndSettings() {
        TableDefinitions d = TableDefinitions.builder().noSupValue("X").add("s", "t", List.of("a"), List.of()).build();
        assertEquals("X", d.noSupValue(d.find("s", "t").orElseThrow()));
        DmsCsvSettings s = DmsCsvSettings.defaults().withNoSupValue("@@NOSUP").withDelimiter(';');
        assertEquals("@@NOSUP", s.noSupValue());
        assertNull(DmsCsvSettings.defaults().noSupValue());
    }
}
