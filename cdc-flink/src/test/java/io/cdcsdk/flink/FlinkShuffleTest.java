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

/**
 * Events cross a keyBy shuffle between two parallel tasks through the ChangeEvent serializer, and
 * a stream of DynamoDB Kinesis records goes through the deserialization schema in a job.
 */
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

    @Test
    void aDynamoDbKinesisRecordStreamThroughTheSchemaInAJob() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<byte[]> records = new ArrayList<>();
        for (var payload : json.readTree(FileSourceTest.resource("kinesis/kds-for-dynamodb_payloads.json").toFile())) {
            records.add(json.writeValueAsBytes(payload));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<ChangeEvent> out = new ArrayList<>();
        env.fromData(records, org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .rebalance()
                .flatMap(new Deserializing(ChangeEventDeserializationSchema.builder("dynamodb-stream").build()))
                .returns(ChangeEventTypeInfo.INSTANCE)
                .keyBy(e -> e.key().asMap().toString())
                .map(e -> e).returns(ChangeEventTypeInfo.INSTANCE)
                .executeAndCollect().forEachRemaining(out::add);
        assertEquals(2, out.size());
        assertEquals(java.util.Set.of("record-1qit2y819gi", "record-fvxn3q4q5jw"),
                out.stream().map(e -> e.key().string("id")).collect(java.util.stream.Collectors.toSet()));
    }

    /** What a queue source does with its deserialization schema: open it once, then each message. */
    private static final class Deserializing extends org.apache.flink.api.common.functions.RichFlatMapFunction<byte[], ChangeEvent> {
        private final ChangeEventDeserializationSchema schema;

        Deserializing(ChangeEventDeserializationSchema schema) {
            this.schema = schema;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            org.apache.flink.metrics.MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("deserializer");
            schema.open(new org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext() {
                @Override
                public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                    return group;
                }

                @Override
                public org.apache.flink.util.UserCodeClassLoader getUserCodeClassLoader() {
                    return org.apache.flink.util.SimpleUserCodeClassLoader.create(Deserializing.class.getClassLoader());
                }
            });
        }

        @Override
        public void flatMap(byte[] message, org.apache.flink.util.Collector<ChangeEvent> out) throws java.io.IOException {
            schema.deserialize(message, out);
        }
    }
}
