# Kafka (KRaft, single node) on the JRE base image, from the broker's jars (kafka/pom.xml). Context: a folder with
# libs/ (the jars) and kafka-run.sh, which build.sh prepares.
ARG BASE=switchboard/jre:17
FROM ${BASE}
COPY libs/ /opt/kafka/libs/
COPY kafka-run.sh /etc/kafka/docker/run
USER root
RUN chmod 0755 /etc/kafka/docker/run && mkdir -p /var/lib/kafka/data && chown -R 185:0 /var/lib/kafka \
    && chmod -R g+rwX /var/lib/kafka
USER 185
EXPOSE 9092 9093
# A command, not an entry point, as in apache/kafka: Testcontainers' KafkaContainer replaces it with its own script,
# which ends by calling /etc/kafka/docker/run.
CMD ["/etc/kafka/docker/run"]
