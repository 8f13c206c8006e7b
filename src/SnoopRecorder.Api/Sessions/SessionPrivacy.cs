namespace SnoopRecorder.Api.Sessions;

/// <summary>
/// What a new session keeps, as asked when it is created (<c>redact</c>, <c>storePackets</c>; both true unless turned
/// off explicitly).
/// </summary>
/// <param name="Redact">Secret header values are replaced before the exchanges are stored.</param>
/// <param name="StorePackets">The capture file is kept once analysed (and downloadable); false deletes it.</param>
public sealed record SessionPrivacy(bool Redact, bool StorePackets)
{
    public static SessionPrivacy Default { get; } = new(true, true);
}
