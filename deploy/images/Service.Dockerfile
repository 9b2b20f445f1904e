# One Switchboard service (or the provider simulator) on the JRE base image that build.sh makes from Debian packages.
# Context: the service's target/quarkus-app (./mvnw -B package -DskipTests).
ARG BASE=switchboard/jre:17
FROM ${BASE}
COPY --chown=185:0 lib/ /deployments/lib/
COPY --chown=185:0 *.jar /deployments/
COPY --chown=185:0 app/ /deployments/app/
COPY --chown=185:0 quarkus/ /deployments/quarkus/
WORKDIR /deployments
USER 185
EXPOSE 8080
ENV QUARKUS_HTTP_PORT=8080 \
    QUARKUS_HTTP_HOST=0.0.0.0
# The heap follows the container's memory limit; the charts set JAVA_TOOL_OPTIONS the same way.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=25", \
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar"]
