package io.cdcsdk.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.testing.Generators;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events cross a keyBy shuffle between two parallel tasks through the ChangeEvent serializer. */
class FlinkShuffleTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTests.cluster();

    @Test
    void generatedEventsSurviveAKeyByShuffle() throws Exception {
        Random random = new Random(12);
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(Generators.event(random));
        }
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false); // a type falling back to Kryo fails the job
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        List<ChangeEvent> out = new ArrayList<>();
        env.fromData(events, ChangeEventTypeInfo.INSTANCE)
                .keyBy(e -> e.source().qualifiedTable())
                .map(e -> e).returns(ChangeEventTypeInfo.INSTANCE)
                .executeAndCollect().forEachRemaining(out::add);
        assertEquals(FlinkTests.multiset(events), FlinkTests.multiset(out));
    }
}
