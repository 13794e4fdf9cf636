# syntax=docker/dockerfile:1
# Keypool's image for those who build with Docker:  docker build -t keypool .
# The Maven build makes the same image without a daemon (./mvnw -Pcontainer package); docs/deploy.md.

# Build: the Maven wrapper, tests skipped (they run in CI), dependencies cached between builds.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Dmaven.test.skip=true package

# Run: a JRE 21 on Ubuntu (bash for keypool-health), as an unprivileged user.
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 keypool \
 && useradd --system --uid 10001 --gid keypool --home-dir /app --no-create-home --shell /usr/sbin/nologin keypool
WORKDIR /app
COPY --from=build /src/target/keypool.jar /app/keypool.jar
# The image's configuration (/etc/keypool/keypool.yaml), the health probe and the data directory.
COPY --chmod=755 deploy/image/usr/local/bin/keypool-health /usr/local/bin/keypool-health
COPY deploy/image/etc/keypool/ /etc/keypool/
RUN mkdir -p /app/data && chown keypool:keypool /app/data
USER keypool
# 8080: the proxy port (clients, through the load balancer). 9090: the admin port (keep it private).
EXPOSE 8080 9090
# SQLite database, request journal and the generated encryption key file (when none is configured).
VOLUME /app/data
# Liveness. Load balancers should use /health/ready, which answers 503 while the instance drains.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["keypool-health", "9090", "/health"]
# SIGTERM starts the drain (limits.drain_timeout, 30 s): give the container longer before the kill,
# e.g. docker stop -t 45, or stop_grace_period in compose.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/keypool.jar"]
CMD ["serve", "--config", "/etc/keypool/keypool.yaml"]
