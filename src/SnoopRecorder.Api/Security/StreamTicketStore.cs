using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Security;

/// <summary>
/// The outstanding stream tickets, in memory: for each, the SHA-256 of its value and its expiry, never the value
/// itself. A ticket is redeemed at most once; expired ones are swept when the store is full, and at most
/// <see cref="MaxOutstanding"/> unexpired ones are outstanding at a time.
/// </summary>
/// <remarks>
/// Presented tickets are looked up by their SHA-256: the dictionary's comparisons run on hashes of the guess, so how
/// long a lookup takes says nothing about how close a guess came to a real ticket. A restart forgets every ticket,
/// which only makes pages fetch new ones.
/// </remarks>
internal sealed class StreamTicketStore(TimeProvider time, IOptions<StreamTicketOptions> options)
{
    /// <summary>Most unexpired tickets at once: a client that asks for more than it uses gets 429, memory stays bounded.</summary>
    public const int MaxOutstanding = 1000;

    /// <summary>Random bytes per ticket (256 bits), sent base64url-encoded (43 characters).</summary>
    public const int TicketBytes = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.StreamTicketSeconds);

    /// <summary>
    /// A new ticket, valid for <see cref="Lifetime"/>; false when <see cref="MaxOutstanding"/> are outstanding, with
    /// the time until the first of them expires.
    /// </summary>
    public bool TryIssue([NotNullWhen(true)] out StreamTicket? ticket, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        // Whole milliseconds, so that the expiry the client is told is exactly the one kept.
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((now + Lifetime).ToUnixTimeMilliseconds());
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TicketBytes));
        lock (_gate)
        {
            if (_expiries.Count >= MaxOutstanding)
            {
                SweepExpired(now);
            }

            if (_expiries.Count >= MaxOutstanding)
            {
                ticket = null;
                retryAfter = _expiries.Values.Min() - now;
                return false;
            }

            _expiries.Add(KeyOf(value), expiresAt);
        }

        ticket = new StreamTicket(value, expiresAt);
        retryAfter = TimeSpan.Zero;
        return true;
    }

    /// <summary>
    /// True when <paramref name="presented"/> is an outstanding ticket that has not expired. Either way it is no longer
    /// outstanding: a ticket is good for one try.
    /// </summary>
    public bool TryRedeem(string presented)
    {
        var key = KeyOf(presented);
        lock (_gate)
        {
            return _expiries.Remove(key, out var expiresAt) && time.GetUtcNow() < expiresAt;
        }
    }

    private void SweepExpired(DateTimeOffset now)
    {
        // Removing while enumerating is allowed for Dictionary (since .NET Core 3.0).
        foreach (var (key, expiresAt) in _expiries)
        {
            if (expiresAt <= now)
            {
                _expiries.Remove(key);
            }
        }
    }

    private static string KeyOf(string ticket) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));
}
