package io.replicatedstore.e2e.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scenario of the suite: the cluster and the operator ({@link E2e}), and a namespace of its own
 * per test, named after it, removed after it with all it holds.
 */
@ExtendWith(E2e.class)
public abstract class E2eTest {

    protected Stores stores;
    private String testName;

    @BeforeEach
    void newNamespace(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        stores = Stores.inNewNamespace(E2e.cluster(), testName);
    }

    /** Deletes the test's namespace and gives it a new, empty one (a scenario in several rounds). */
    protected Stores freshNamespace() {
        stores.delete();
        stores = Stores.inNewNamespace(E2e.cluster(), testName);
        return stores;
    }

    @AfterEach
    void deleteNamespace() {
        if (stores != null) {
            stores.delete();
        }
    }
}
