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

    public int? MaxDurationSeconds { get; init; }
    public long? MaxPackets { get; init; }
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
