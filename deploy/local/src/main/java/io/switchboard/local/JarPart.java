package io.switchboard.local;

import io.switchboard.testkit.process.ProcessState;
import io.switchboard.testkit.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A packaged Quarkus application: the provider simulator or one of the services. */
final class JarPart implements Part {

    private final ServiceProcess.Settings settings;

    JarPart(ServiceProcess.Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public int port() {
        return settings.port();
    }

    @Override
    public List<String> missing(LocalLayout layout) {
        return Files.isRegularFile(settings.jar()) ? List.of() : List.of(layout.show(settings.jar()));
    }

    @Override
    public Path logFile() {
        return settings.logFile();
    }

    @Override
    public ProcessHandle start(Duration timeout) {
        return new ServiceProcess(settings).start(timeout);
    }

    @Override
    public boolean answers(int port) {
        return ServiceProcess.answers(port);
    }

    @Override
    public void stop(ProcessState recorded) {
        ServiceProcess.stop(recorded);
    }

    @Override
    public String address(int port) {
        return "http://localhost:" + port;
    }

    ServiceProcess.Settings settings() {
        return settings;
    }
}
