namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>An operation of the OpenAPI document: upper-case method and path template (<c>/api/sessions/{id}</c>).</summary>
public sealed record ApiRoute(string Method, string Template)
{
    public override string ToString() => $"{Method} {Template}";
}
