package io.switchboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

/** The run renders with the Helm it says: the older-Helm runs of this module must not fall back to the newest one. */
class HelmVersionTest {

    @Test
    void theHelmThatRendersIsTheOneThisRunIsFor() {
        String version = Helm.version().call();
        System.out.println("Charts rendered with Helm " + version);
        assertThat(version).startsWith(System.getProperty("helm.expected", "v3.21."));
    }
}
