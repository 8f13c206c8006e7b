using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Tests.Recording;

/// <summary>
/// The ceilings of per-session limits (<c>Snoop:Recording:MaxDurationSecondsLimit</c>, <c>MaxBytesLimit</c>) refuse a
/// request above them with 400 naming the field and the ceiling, before any target is looked up; the defaults and
/// ceilings are checked at start.
/// </summary>
public sealed class RecordingLimitOptionsTests
{
    [Theory]
    [InlineData("""{"host": true, "maxDurationSeconds": 86401}""", "maxDurationSeconds", "'86401' is above the ceiling of 86400 seconds (Snoop:Recording:MaxDurationSecondsLimit) this service allows")]
    [InlineData("""{"host": true, "maxBytes": 68719476737}""", "maxBytes", "'68719476737' is above the ceiling of 68719476736 bytes (Snoop:Recording:MaxBytesLimit) this service allows")]
    public async Task ALimitAboveTheDefaultCeiling_Is400NamingTheFieldAndTheCeiling_AndStartsNothing(string body, string field, string expected)
    {
        using var factory = new SnoopApiFactory();
        using var api = factory.CreateClient();

        using var response = await api.PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for '{field}': {errors}");
        Assert.Empty((await api.GetJsonAsync("/api/sessions")).Items());
        Assert.Empty(factory.CaptureFiles());
    }

    [Fact]
    public async Task ConfiguredCeilings_RefuseWhatIsAboveThem()
    {
        using var factory = new SnoopApiFactory(
            ("Snoop:Recording:MaxDurationSecondsLimit", "60"), ("Snoop:Recording:MaxBytesLimit", "1000"),
            ("Snoop:Recording:DefaultMaxDurationSeconds", "60"), ("Snoop:Recording:DefaultMaxBytes", "0"));
        using var api = factory.CreateClient();

        using var response = await api.PostAsync(
            "/api/sessions", new StringContent("""{"host": true, "maxDurationSeconds": 61, "maxBytes": 1001}""", Encoding.UTF8, "application/json"));

        var detail = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'61' is above the ceiling of 60 seconds", detail, StringComparison.Ordinal);
        Assert.Contains("'1001' is above the ceiling of 1000 bytes", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Snoop:Recording:DefaultMaxDurationSeconds", "-1", "Snoop:Recording:DefaultMaxDurationSeconds must be a number of seconds from 0 (no default) up")]
    [InlineData("Snoop:Recording:DefaultMaxBytes", "-1", "Snoop:Recording:DefaultMaxBytes must be a number of bytes from 0 (no default) up")]
    [InlineData("Snoop:Recording:MaxDurationSecondsLimit", "0", "Snoop:Recording:MaxDurationSecondsLimit must be a number of seconds from 1 up")]
    [InlineData("Snoop:Recording:MaxBytesLimit", "-5", "Snoop:Recording:MaxBytesLimit must be a number of bytes from 1 up")]
    [InlineData("Snoop:Recording:DefaultMaxDurationSeconds", "86401", "Snoop:Recording:DefaultMaxDurationSeconds (86401) is above Snoop:Recording:MaxDurationSecondsLimit (86400)")]
    [InlineData("Snoop:Recording:DefaultMaxBytes", "68719476737", "Snoop:Recording:DefaultMaxBytes (68719476737) is above Snoop:Recording:MaxBytesLimit (68719476736)")]
    public void ABadDefaultOrCeiling_StopsTheServiceAtStart_NamingIt(string key, string value, string expected)
    {
        using var factory = new SnoopApiFactory((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
