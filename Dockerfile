# syntax=docker/dockerfile:1
# SnoopRecorder: build with the .NET SDK, run on the ASP.NET runtime with libpcap.
#   docker build -t snooprecorder .
#   docker compose up        (see compose.yaml: host PID namespace, capture capabilities, Docker socket)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY migrations/ migrations/
COPY src/ src/
RUN dotnet restore src/SnoopRecorder.Api/SnoopRecorder.Api.csproj -r linux-x64 -p:PublishReadyToRun=true
RUN dotnet publish src/SnoopRecorder.Api/SnoopRecorder.Api.csproj -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libpcap0.8 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Capturing and entering other containers' network namespaces needs root (plus the capabilities compose.yaml adds).
USER root
ENV Snoop__DataDirectory=/data
# The recorded traffic is readable by root only; a new named volume takes this mode (else the service warns at start).
RUN mkdir -m 0700 /data
VOLUME ["/data"]
EXPOSE 5080
ENTRYPOINT ["dotnet", "snooprecorder.dll", "--urls", "http://0.0.0.0:5080"]
