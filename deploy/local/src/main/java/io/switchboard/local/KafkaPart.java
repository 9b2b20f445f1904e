package io.switchboard.local;

import io.switchboard.testkit.kafka.TopicCreator;
import io.switchboard.testkit.process.KafkaBrokerProcess;
import io.switchboard.testkit.process.ProcessState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Kafka broker, with every topic of the contracts created before the services start. */
final class KafkaPart implements Part {

    static final String NAME = "kafka";

    private final KafkaBrokerProcess broker;

    KafkaPart(KafkaBrokerProcess broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int port() {
        return broker.settings().port();
    }

    @Override
    public List<Integer> ports() {
        return List.of(broker.settings().port(), broker.settings().controllerPort());
    }

    @Override
    public Path logFile() {
        return broker.settings().logFile();
    }

    @Override
    public ProcessHandle start(Duration timeout) {
        ProcessHandle process = broker.start(timeout);
        try {
            TopicCreator.createAll(broker.bootstrapServers());
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        return process;
    }

    @Override
    public boolean answers(int port) {
        return KafkaBrokerProcess.answers("localhost:" + port, Duration.ofSeconds(3));
    }

    @Override
    public void stop(ProcessState recorded) {
        KafkaBrokerProcess.stop(recorded);
    }

    @Override
    public String address(int port) {
        return "localhost:" + port;
    }
}
