using System.Text;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>The <c>.http</c> parser the samples test runs the samples with.</summary>
public sealed class HttpSampleFileTests
{
    private const string Sample = """
        @host = http://127.0.0.1:5080
        # A comment about the file.
        @sessionId = abc
        @list = {{host}}/api/exchanges

        ### First page
        GET {{list}}?session={{sessionId}} HTTP/1.1

        ###   Unknown session
        # @name unknown
        // @expect 404
        # @expect 404
        GET {{host}}/api/sessions/nosuch
            &limit=1
        Accept: application/json

        ### Import
        POST {{host}}/api/imports
        Content-Type: multipart/form-data; boundary=b

        --b
        Content-Disposition: form-data; name="file"

        < ./sample.pcap
        --b--


        ###
        {{host}}/health
        """;

    [Fact]
    public void Parse_ReadsVariablesBlocksRequestLinesHeadersAndBodies()
    {
        var file = HttpSampleFile.Parse(Sample, "/samples/x.http");

        Assert.Equal(["host", "sessionId", "list"], file.Variables.Keys);
        Assert.Equal("{{host}}/api/exchanges", file.Variables["list"]);
        Assert.Equal(4, file.Requests.Count);

        var first = file.Requests[0];
        Assert.Equal(("GET", "{{list}}?session={{sessionId}}", "First page", 7), (first.Method, first.Url, first.Description, first.Line));
        Assert.Null(first.ExpectedStatus);
        Assert.Empty(first.Headers);
        Assert.Empty(first.Body);

        var unknown = file.Requests[1];
        Assert.Equal(("unknown", "Unknown session", 404), (unknown.Name, unknown.Description, unknown.ExpectedStatus));
        Assert.Equal("{{host}}/api/sessions/nosuch&limit=1", unknown.Url);
        Assert.Equal([new HttpSampleHeader("Accept", "application/json")], unknown.Headers);
        Assert.Equal("unknown", unknown.Title);

        var import = file.Requests[2];
        Assert.Equal(
            [new("--b", false), new("Content-Disposition: form-data; name=\"file\"", false), new("", false), new("./sample.pcap", true), new("--b--", false)],
            import.Body);

        Assert.Equal(("GET", "{{host}}/health", null), (file.Requests[3].Method, file.Requests[3].Url, file.Requests[3].Description));
    }

    [Fact]
    public void Resolve_SubstitutesVariablesRecursively_OverridesWin_AndFilesReplaceTheirLine()
    {
        var file = HttpSampleFile.Parse(Sample, "/samples/x.http");
        var variables = new HttpSampleVariables(file.Variables, new Dictionary<string, string> { ["host"] = "http://127.0.0.1:9" });

        var first = ResolvedHttpSample.Resolve(file.Requests[0], variables, _ => throw new InvalidOperationException());
        var import = ResolvedHttpSample.Resolve(file.Requests[2], variables, path => Encoding.ASCII.GetBytes($"<{path}>"));

        Assert.Equal("http://127.0.0.1:9/api/exchanges?session=abc", first.Uri.ToString());
        Assert.Null(first.Body);
        Assert.Equal("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n<./sample.pcap>\r\n--b--", Encoding.ASCII.GetString(import.Body!));
        Assert.Equal("/samples/sample.pcap", file.FullPathOf("./sample.pcap"));
        using var message = import.CreateMessage();
        Assert.Equal("multipart/form-data; boundary=b", message.Content!.Headers.ContentType!.ToString());
        Assert.Equal(["host", "list", "sessionId"], variables.ReferencesOf(file.Requests[0].Url).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("GET {{nope}}/x", "'{{nope}}' is not defined")]
    [InlineData("GET {{$guid}}/x", "system or request variable")]
    [InlineData("GET {{login.response.body.$.id}}/x", "system or request variable")]
    public void Resolve_RefusesVariablesItCannotSubstitute(string requestLine, string message)
    {
        var file = HttpSampleFile.Parse(requestLine, "x.http");

        var error = Assert.Throws<InvalidOperationException>(
            () => ResolvedHttpSample.Resolve(file.Requests[0], new HttpSampleVariables(file.Variables), _ => []));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("### Two\nGET http://h/a\n\nGET http://h/b\n", 4, "second request in the same block")]
    [InlineData("### H\nGET http://h/a\nNot a header\n", 3, "is not a header")]
    [InlineData("### L\nFETCH\n", 2, "is not a request line")]
    [InlineData("@a = 1\n@a = 2\n", 2, "defined twice")]
    [InlineData("### E\n# @expect often\nGET http://h/a\n", 2, "give one HTTP status code")]
    [InlineData("### E\nGET http://h/a\n# @expect 400\n", 3, "after the request line")]
    [InlineData("### F\nPOST http://h/a\n\n<@ ./body.json\n", 4, "not supported")]
    public void Parse_RefusesWhatEditorsWouldSendOtherwiseThanMeant_NamingTheLine(string text, int line, string message)
    {
        var error = Assert.Throws<HttpSampleFormatException>(() => HttpSampleFile.Parse(text, "/samples/bad.http"));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"bad.http:{line}: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("GET", "/api/exchanges/har", "/api/exchanges/har")]
    [InlineData("GET", "/api/exchanges/42", "/api/exchanges/{id}")]
    [InlineData("GET", "/api/exchanges/", "/api/exchanges")]
    [InlineData("get", "/api/exchanges/42/pcap", "/api/exchanges/{id}/pcap")]
    [InlineData("POST", "/api/exchanges/42", null)]
    [InlineData("GET", "/api/exchanges/42/nothing", null)]
    public void ApiRoutes_MatchTheTemplateWithTheMostLiteralSegments(string method, string path, string? template)
    {
        using var document = System.Text.Json.JsonDocument.Parse("""
            {"paths": {
              "/api/exchanges": {"get": {}}, "/api/exchanges/{id}": {"get": {}}, "/api/exchanges/har": {"get": {}},
              "/api/exchanges/{id}/pcap": {"get": {}}, "/openapi/v1.json": {"get": {}}}}
            """);
        var routes = ApiRoutes.FromOpenApi(document.RootElement);

        Assert.Equal(template, routes.Match(method, path)?.Template);
        Assert.DoesNotContain(routes.All, r => r.Template.StartsWith("/openapi", StringComparison.Ordinal));
    }
}
