package io.lowcode.eventschema.doc;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.serde.EventCodec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EventCatalogMarkdownTest {

    /** The committed catalog, relative to this module's base directory (where surefire runs). */
    private static final Path COMMITTED = Path.of("../../src-docs/event-catalog.md");

    private final String rendered = new EventCatalogMarkdown(EventCodec.shared().schemas()).render();

    @Test
    void committedCatalogIsTheRenderingOfTheCode() throws IOException {
        if (Boolean.getBoolean("catalog.regenerate")) {
            Files.createDirectories(COMMITTED.toAbsolutePath().getParent());
            Files.writeString(COMMITTED, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED))
                .as("%s is missing; regenerate it with: %s", COMMITTED.toAbsolutePath().normalize(),
                        EventCatalogMarkdown.REGENERATE)
                .isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("%s is out of date with the event catalog; regenerate it with: %s",
                        COMMITTED.toAbsolutePath().normalize(), EventCatalogMarkdown.REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void catalogNamesEveryTopicWithItsNumbers() {
        for (TopicSpec topic : TopicCatalog.all()) {
            assertThat(rendered).contains("| `" + topic.name() + "` | " + topic.partitions() + " | "
                    + topic.retention().toDays() + " d | delete |");
        }
    }

    @Test
    void catalogDescribesEveryEventTypeWithItsSchemaAndPayloadFields() {
        for (EventType type : EventType.values()) {
            assertThat(rendered).contains("### " + type.type())
                    .contains(type.schemaResource(type.currentVersion()))
                    .contains(type.payloadClass().getName());
            for (var component : type.payloadClass().getRecordComponents()) {
                assertThat(rendered).contains("| `" + component.getName() + "` |");
            }
        }
        assertThat(rendered).contains("older versions read and upcast: 1");
    }
}
