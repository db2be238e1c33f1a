package vn.motcua.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's service JVM options start on the JDKs the project runs on, and keep the measured memory choices. */
class ServiceJvmOptionsTest {

    @Test
    void nativeHeapTrimmingOnlyWhereTheJvmKnowsTheSwitchOtherwiseTheServicesWouldNotStart() {
        assertThat(LocalRun.serviceJvmOptions(Runtime.Version.parse("17.0.15")))
                .containsExactly("-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-XX:TrimNativeHeapInterval=5000");
        assertThat(LocalRun.serviceJvmOptions(Runtime.Version.parse("17.0.8")))
                .containsExactly("-Xms32m", "-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(LocalRun.trimsNativeHeap(Runtime.Version.parse("17.0.10"))).isFalse();
        assertThat(LocalRun.trimsNativeHeap(Runtime.Version.parse("21.0.2"))).isFalse();
        assertThat(LocalRun.trimsNativeHeap(Runtime.Version.parse("21.0.3"))).isTrue();
        assertThat(LocalRun.trimsNativeHeap(Runtime.Version.parse("25"))).isTrue();
    }

    @Test
    void theRunningJdkAcceptsEveryDefaultOption() throws Exception {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(LocalRun.serviceJvmOptions(Runtime.version()));
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
