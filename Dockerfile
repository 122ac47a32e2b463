# One parametrised image for every service: docker build --build-arg MODULE=funds-service .
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Node.js 20 and npm for the console module (built into the gateway: console/pom.xml runs npm ci and npm run build)
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
COPY . .
ARG MODULE
RUN mvn -B -ntp -q -DskipTests -pl ${MODULE} -am package

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
ARG MODULE
COPY --from=build /src/${MODULE}/target/${MODULE}.jar /app/service.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
