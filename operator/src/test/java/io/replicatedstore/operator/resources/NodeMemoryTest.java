package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeMemoryTest {

    /** Columns: the spec's requests and limits ("-" for none), then the resources the pod gets. */
    @ParameterizedTest(name = "requests {0} limits {1} -> requests {2} limits {3}")
    @CsvSource(delimiter = '|', value = {
            "-                      | -             | cpu=100m memory=512Mi  | memory=512Mi",
            "memory=1Gi             | -             | memory=1Gi cpu=100m    | memory=1Gi",
            "-                      | memory=2Gi    | memory=2Gi cpu=100m    | memory=2Gi",
            "cpu=250m memory=1Gi    | memory=2Gi    | cpu=250m memory=1Gi    | memory=2Gi",
            "cpu=1                  | -             | cpu=1 memory=512Mi     | memory=512Mi",
            "-                      | cpu=2         | memory=512Mi           | cpu=2 memory=512Mi",
    })
    void theGapsInTheSpecAreFilledAndNothingTheUserGaveIsChanged(String requests, String limits,
                                                                 String wantRequests, String wantLimits) {
        ResourceRequirements given = requests.equals("-") && limits.equals("-") ? null
                : new ResourceRequirementsBuilder().withRequests(quantities(requests)).withLimits(quantities(limits)).build();
        ResourceRequirements filled = NodeMemory.resources(given);
        assertThat(filled.getRequests()).isEqualTo(quantities(wantRequests));
        assertThat(filled.getLimits()).isEqualTo(quantities(wantLimits));
    }

    /** Columns: the memory limit, then maxmemory in bytes: 45% of it (60% of a heap of 75%). */
    @ParameterizedTest(name = "limit {0} -> maxmemory {1}")
    @CsvSource({
            "512Mi, 241591910",
            "1Gi,   483183820",
            "8G,    3600000000",
    })
    void maxmemoryIsAShareOfTheHeapTheLimitGives(String limit, long maxmemory) {
        ResourceRequirements resources = new ResourceRequirementsBuilder().addToLimits("memory", new Quantity(limit)).build();
        assertThat(NodeMemory.maxmemory(resources)).hasValue(maxmemory);
    }

    @Test
    void noMemoryLimitMeansNoMaxmemoryFromTheOperator() {
        ResourceRequirements resources = new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("1Gi")).build();
        assertThat(NodeMemory.maxmemory(resources)).isEmpty();
    }

    private static Map<String, Quantity> quantities(String list) {
        Map<String, Quantity> result = new LinkedHashMap<>();
        if (!list.equals("-")) {
            for (String entry : list.trim().split("\\s+")) {
                String[] kv = entry.split("=");
                result.put(kv[0], new Quantity(kv[1]));
            }
        }
        return result;
    }
}
