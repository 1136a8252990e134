# Build: a static binary (no cgo: SQLite is pure Go). The Go image is the
# exact toolchain of go.mod's toolchain line (bump both together;
# .ci/vulncheck checks that they agree). Pinning by digest as well
# (golang:1.26.11-bookworm@sha256:…, from `docker buildx imagetools inspect
# golang:1.26.11-bookworm`) guards against a re-pushed tag.
FROM golang:1.26.11-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/aitracker/aitracker/config.Version=${VERSION}" \
      -o /out/aitracker ./cmd/aitracker \
 && mkdir -p /out/data

# Run: distroless static (CA certificates and time zones, no shell), as the
# image's non-root user. Distroless publishes no version tags, only moving
# ones such as nonroot, so only a digest pins it
# (static-debian12:nonroot@sha256:…, from `docker buildx imagetools inspect`).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/aitracker /usr/local/bin/aitracker
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
VOLUME ["/data"]
EXPOSE 8080
# The image has no shell or curl: the binary asks its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/aitracker", "health", "--url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/aitracker"]
# Listen on all interfaces inside the container; publish with -p 8080:8080.
CMD ["run", "--data-dir", "/data", "--listen", "0.0.0.0:8080"]
