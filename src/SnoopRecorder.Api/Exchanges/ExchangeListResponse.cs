namespace SnoopRecorder.Api.Exchanges;

/// <summary>One page of exchanges; pass <see cref="NextCursor"/> as <c>cursor</c> for the next, null on the last page.</summary>
public sealed record ExchangeListResponse(IReadOnlyList<ExchangeResponse> Items, string? NextCursor);
