# syntax=docker/dockerfile:1
# Build stage: the Swift 6 toolchain compiles a release binary against the system SQLite.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-dev libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Manifest first so the dependency fetch is cached while sources change.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Migrations ./Migrations
COPY Dashboard ./Dashboard
RUN swift build -c release --product council-api --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/council-api" /src/council-api

# Runtime stage: only the binary, its migrations and the SQLite runtime library.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 libpq5 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --create-home --home-dir /app council \
    && mkdir -p /app/data \
    && chown council:council /app/data
WORKDIR /app
COPY --from=build /src/council-api /app/council-api
COPY --from=build /src/Migrations /app/Migrations
COPY --from=build /src/Dashboard /app/Dashboard
ENV HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_PATH=/app/data/council-api.sqlite
USER council
EXPOSE 8080
VOLUME ["/app/data"]
# The binary checks itself (GET /readyz, exit 0 or 1), so the image needs no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/app/council-api", "healthcheck"]
ENTRYPOINT ["/app/council-api"]
CMD ["serve"]
