using SnoopRecorder.Http.Content;

namespace SnoopRecorder.Http.Tests.Content;

public sealed class ContentCodingsTests
{
    [Theory]
    [InlineData("gzip", ContentCoding.Gzip)]
    [InlineData("x-gzip", ContentCoding.Gzip)]
    [InlineData("GZip", ContentCoding.Gzip)]
    [InlineData("deflate", ContentCoding.Deflate)]
    [InlineData("br", ContentCoding.Brotli)]
    [InlineData("BR", ContentCoding.Brotli)]
    [InlineData("identity", ContentCoding.Identity)]
    public void TryParse_KnownName_IsItsCoding(string name, ContentCoding expected)
    {
        Assert.True(ContentCodings.TryParse([name], out var codings, out var unknown));

        Assert.Equal([expected], codings);
        Assert.Null(unknown);
    }

    [Fact]
    public void TryParse_List_KeepsTheOrderTheCodingsWereApplied()
    {
        Assert.True(ContentCodings.TryParse(["gzip, br"], out var codings, out _));

        Assert.Equal([ContentCoding.Gzip, ContentCoding.Brotli], codings);
    }

    [Fact]
    public void TryParse_SeveralFieldLines_FormOneListInOrder()
    {
        Assert.True(ContentCodings.TryParse(["identity,\tgzip", " deflate "], out var codings, out _));

        Assert.Equal([ContentCoding.Identity, ContentCoding.Gzip, ContentCoding.Deflate], codings);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ,")]
    public void TryParse_EmptyElements_AreSkipped(string value)
    {
        Assert.True(ContentCodings.TryParse([value], out var codings, out _));

        Assert.Empty(codings);
        Assert.True(ContentCodings.AreIdentity(codings));
    }

    [Theory]
    [InlineData("compress", "compress")]
    [InlineData("gzip, zstd", "zstd")]
    [InlineData("x-deflate", "x-deflate")]
    [InlineData("gzip;q=1", "gzip;q=1")]
    public void TryParse_UnknownCoding_FailsNamingIt(string value, string expected)
    {
        Assert.False(ContentCodings.TryParse([value], out var codings, out var unknown));

        Assert.Empty(codings);
        Assert.Equal(expected, unknown);
    }

    [Fact]
    public void AreIdentity_IsFalseWhenAnyCodingTransforms() =>
        Assert.False(ContentCodings.AreIdentity([ContentCoding.Identity, ContentCoding.Gzip]));
}
