# PostgreSQL 15 from Debian's packages (the base build.sh makes with debootstrap). Context: postgres-run.sh.
ARG BASE=switchboard/postgres-base:15
FROM ${BASE}
COPY postgres-run.sh /usr/local/bin/postgres-run
USER root
RUN chmod 0755 /usr/local/bin/postgres-run && mkdir -p /var/lib/postgresql/data /docker-entrypoint-initdb.d \
    && chown -R 185:0 /var/lib/postgresql && chmod 0700 /var/lib/postgresql/data
USER 185
ENV PGDATA=/var/lib/postgresql/data
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-run"]
