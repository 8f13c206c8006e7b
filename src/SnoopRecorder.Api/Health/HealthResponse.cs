namespace SnoopRecorder.Api.Health;

public sealed record HealthResponse(string Status);
