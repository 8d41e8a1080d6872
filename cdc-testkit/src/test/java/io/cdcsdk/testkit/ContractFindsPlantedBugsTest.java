package io.cdcsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The contract finds what it promises to find: each adapter of {@link PlantedBugs} carries one
 * bug, and the case meant to catch it fails, saying what it found.
 */
class ContractFindsPlantedBugsTest {
    private static final String TRIES = "cdc.testkit.tries";

    @BeforeAll
    static void fewerTries() {
        System.setProperty(TRIES, "40");
    }

    @AfterAll
    static void defaultTries() {
        System.clearProperty(TRIES);
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource(delimiter = '|', value = {
        "QuotesInput            | noRowValuesInMessages   | quotes the row value",
        "DetectThrows           | detectNeverThrows       | detect threw java.lang.StringIndexOutOfBoundsException",
        "ThrowsRuntimeException | mutationsUnderFail      | java.lang.IllegalStateException left the reader",
        "ThrowsRuntimeException | mutationsUnderSkip      | java.lang.IllegalStateException left the reader",
        "EndsAtFirstReport      | mutationsUnderSkip      | records lost",
        "ReadsOnAfterFail       | mutationsUnderFail      | under FAIL the reader went on",
        "IgnoresLimits          | recordOverLimit         | read without error",
        "TakesOneRead           | shortReads              | read 1 bytes at a time",
        "LosesScale             | golden                  | line 1 (event 1) differs at $.after.credit: expected 1500.00, read 1500",
        "LosesScale             | shortReads              | differs at $.after.credit",
        "Loops                  | mutationsUnderSkip      | the reader loops",
    })
    void theCaseFindsTheBug(String planted, String contractCase, String message) throws ClassNotFoundException {
        Class<?> type = Class.forName(PlantedBugs.class.getName() + "$" + planted);
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(type, contractCase)).build(),
                listener);
        TestExecutionSummary summary = listener.getSummary();
        assertTrue(summary.getTestsFoundCount() > 0, "no test ran");
        List<String> failures = summary.getFailures().stream()
                .map(f -> String.valueOf(f.getException().getMessage()))
                .collect(Collectors.toList());
        assertTrue(!failures.isEmpty(), planted + " passed " + contractCase);
        assertTrue(failures.stream().anyMatch(m -> m.contains(message)),
                () -> "no failure says \"" + message + "\": " + failures);
        assertEquals(0, summary.getTestsAbortedCount(), "aborted");
    }
}
