package io.cdcsdk.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.json.DeadLetter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link FailedEvent#toDeadLetter()} maps its stage to the dead-letter form's by name: the two enums
 * must hold the same constants in the same order.
 */
class StagesTest {

    @Test
    void failedEventStagesAreTheDeadLetterStages() {
        assertEquals(Arrays.stream(DeadLetter.Stage.values()).map(Enum::name).toList(),
                Arrays.stream(FailedEvent.Stage.values()).map(Enum::name).toList());
    }
}
