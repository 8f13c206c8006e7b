using System.Text.Json.Serialization;

namespace SnoopRecorder.Api.Recording;

/// <summary>
/// <c>POST /api/sessions</c>: what to record. Exactly one target: <c>container</c>, <c>pod</c> (with
/// <c>namespace</c>), <c>pid</c>, <c>netns</c> or <c>host: true</c>. Unknown fields are refused, so a misspelt limit
/// never silently records without it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StartRecordingRequest
{
    /// <summary>A Docker container: name, full id or unique id prefix.</summary>
    public string? Container { get; init; }

    /// <summary>A Kubernetes pod on a Docker runtime (found by the labels Kubernetes puts on its containers).</summary>
    public string? Pod { get; init; }

    /// <summary>The pod's Kubernetes namespace; <c>default</c> when omitted.</summary>
    public string? Namespace { get; init; }

    /// <summary>Any process: its network namespace is recorded.</summary>
    public int? Pid { get; init; }

    /// <summary>A named namespace (<c>ip netns add NAME</c>), or the path /run/netns/NAME or /proc/PID/ns/net.</summary>
    public string? Netns { get; init; }

    /// <summary>The service's own network namespace; only when asked for explicitly.</summary>
    public bool? Host { get; init; }

    /// <summary>An interface of the target namespace; <c>any</c> by default.</summary>
    public string? Interface { get; init; }

    /// <summary>A BPF expression (pcap-filter(7)).</summary>
    public string? Filter { get; init; }

    /// <summary>Bytes kept of each packet; 262144 by default.</summary>
    public int? SnapLength { get; init; }

    public string? Name { get; init; }

    /// <summary>
    /// The session stops after this many seconds; at most <c>Snoop:Recording:MaxDurationSecondsLimit</c> (86400 by
    /// default). Omitted: <c>Snoop:Recording:DefaultMaxDurationSeconds</c> (3600 by default).
    /// </summary>
    public int? MaxDurationSeconds { get; init; }

    /// <summary>The session stops once its capture holds this many packets; no limit when omitted.</summary>
    public long? MaxPackets { get; init; }

    /// <summary>
    /// The session stops before its capture holds more packet bytes than this; at most
    /// <c>Snoop:Recording:MaxBytesLimit</c> (64 GiB by default). Omitted: <c>Snoop:Recording:DefaultMaxBytes</c> (1 GiB
    /// by default).
    /// </summary>
    public long? MaxBytes { get; init; }

    /// <summary>
    /// Secret header values (Authorization, Proxy-Authorization, Cookie, Set-Cookie, <c>Snoop:Redaction:Headers</c>)
    /// are redacted before storage unless this is <c>false</c>.
    /// </summary>
    public bool? Redact { get; init; }

    /// <summary>
    /// The capture file is kept (and downloadable) unless this is <c>false</c>: then it is written only for the
    /// analysis to follow and deleted when the session ends.
    /// </summary>
    public bool? StorePackets { get; init; }
}
