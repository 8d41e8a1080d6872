package io.cdcsdk.flink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** What the MiniCluster tests share. */
final class FlinkTests {
    private FlinkTests() {
    }

    /** One task manager with two slots: jobs of parallelism 2. */
    static MiniClusterExtension cluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** Each distinct element with how often it occurs. */
    static <T> Map<T, Integer> multiset(List<T> elements) {
        Map<T, Integer> counts = new HashMap<>();
        elements.forEach(e -> counts.merge(e, 1, Integer::sum));
        return counts;
    }
}
