namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The narrow part of an <c>exchanges</c> row: what lists and filters need, without headers or bodies.
/// Times are packet time in Unix nanoseconds.
/// </summary>
public sealed record ExchangeRecord
{
    /// <summary>Assigned by the database; 0 before the row is written.</summary>
    public long Id { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The connection's number within its session (see <see cref="Connections.ConnectionRecord"/>).</summary>
    public required long ConnectionId { get; init; }

    public required string ClientIp { get; init; }
    public required int ClientPort { get; init; }
    public required string ServerIp { get; init; }
    public required int ServerPort { get; init; }
    public required long StartedNs { get; init; }
    public required long EndedNs { get; init; }

    /// <summary>0-based index in the capture of the first packet carrying a byte of this exchange.</summary>
    public required long FirstPacketIndex { get; init; }

    public required long LastPacketIndex { get; init; }
    public string? Method { get; init; }

    /// <summary>The request-target exactly as sent.</summary>
    public string? Uri { get; init; }

    public string? Path { get; init; }
    public string? Query { get; init; }

    /// <summary>The Host header as sent, or the authority of an absolute-form target.</summary>
    public string? Host { get; init; }

    /// <summary><see cref="Host"/> lowercased without its port, for filtering.</summary>
    public string? HostName { get; init; }

    /// <summary>The port of <see cref="Host"/>, or the server's port when the host names none.</summary>
    public int? HostPort { get; init; }

    public string? HttpVersion { get; init; }
    public int? Status { get; init; }
    public string? Reason { get; init; }
    public long RequestBodySize { get; init; }
    public long ResponseBodySize { get; init; }
    public bool RequestBodyTruncated { get; init; }
    public bool ResponseBodyTruncated { get; init; }

    /// <summary>Bitmask of the HTTP layer's exchange issues.</summary>
    public long Issues { get; init; }

    public required bool Complete { get; init; }
}
