using System.Net;
using Microsoft.Extensions.Options;

namespace SnoopRecorder.Api.Tests.Retention;

public sealed class RetentionOptionsTests
{
    [Theory]
    [InlineData("Snoop:RetentionDays", "0")]
    [InlineData("Snoop:RetentionDays", "-1")]
    [InlineData("Snoop:RetentionDays", "36501")]
    [InlineData("Snoop:MaxDataBytes", "0")]
    [InlineData("Snoop:MaxDataBytes", "16777215")]
    public void ValueOutOfRange_StopsTheServiceAtStart_NamingTheKeyAndWhatItAccepts(string key, string value)
    {
        using var factory = new SnoopApiFactory((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains($"{key} must be", error.Message);
        Assert.Contains(key == "Snoop:RetentionDays" ? "from 1 to 36500" : "at least 16777216 bytes", error.Message);
    }

    [Theory]
    [InlineData("Snoop:RetentionDays", "a week")]
    [InlineData("Snoop:MaxDataBytes", "10GB")]
    public void ValueThatIsNotANumber_StopsTheServiceAtStart_NamingTheKey(string key, string value)
    {
        using var factory = new SnoopApiFactory((key, value));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains($"'{key}'", error.Message);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Fact]
    public async Task SmallestAllowedValues_AreAccepted()
    {
        using var factory = new SnoopApiFactory(("Snoop:RetentionDays", "1"), ("Snoop:MaxDataBytes", "16777216"));
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
