using System.ComponentModel.DataAnnotations;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// Stream tickets (section <c>Snoop</c>): how long a ticket from <c>POST /api/exchanges/stream/tickets</c> may wait
/// before it opens its stream.
/// </summary>
public sealed class StreamTicketOptions
{
    public const string SectionName = "Snoop";
    public const int MinStreamTicketSeconds = 5;
    public const int MaxStreamTicketSeconds = 600;

    /// <summary>Seconds from issue within which a ticket must be used; the stream it opens then lasts as long as it is read.</summary>
    [Range(MinStreamTicketSeconds, MaxStreamTicketSeconds,
        ErrorMessage = "Snoop:StreamTicketSeconds must be a whole number of seconds from {1} to {2}")]
    public int StreamTicketSeconds { get; set; } = 60;
}
