namespace SnoopRecorder.Api.Security;

/// <summary>A ticket just issued: its value, which the service does not keep, and when it stops being accepted.</summary>
internal sealed record StreamTicket(string Value, DateTimeOffset ExpiresAt);
