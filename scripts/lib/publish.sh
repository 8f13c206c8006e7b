# shellcheck shell=bash
# How SnoopRecorder is published for the benchmarks: as the Docker image is built, framework-dependent ReadyToRun.
# The service runs with tiered compilation off (see src/SnoopRecorder.Api's csproj), so precompiled code spares the JIT
# at start-up. (A self-contained composite publish, framework and service precompiled together, left 172 methods to
# the JIT instead of 423 and started 0.1 to 0.2 s sooner; docs/performance.md says why it was not adopted.)

# publish_snooprecorder OUTPUT_DIR ARTIFACTS_DIR LOG_FILE: publishes src/SnoopRecorder.Api; returns dotnet's status.
publish_snooprecorder() {
    local output="$1" artifacts="$2" log="$3"
    dotnet publish src/SnoopRecorder.Api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
        -o "$output" --artifacts-path "$artifacts" >"$log" 2>&1
}
