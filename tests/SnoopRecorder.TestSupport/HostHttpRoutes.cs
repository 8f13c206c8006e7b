using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SnoopRecorder.TestSupport;

/// <summary>The routes of <see cref="HostHttpServer"/>.</summary>
internal static class HostHttpRoutes
{
    private const string TextPlain = "text/plain";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/hello", Hello);
        routes.MapGet("/status/{code:int}", Status);
        routes.MapPost("/echo", Echo);
    }

    private static ContentHttpResult Hello() => TypedResults.Text(HostHttpServer.HelloBody, TextPlain);

    private static IResult Status(int code) => code switch
    {
        < 200 or > 599 => TypedResults.Text($"status {code} is not one this server sends (200-599)\n", TextPlain, statusCode: 400),
        // RFC 9110 6.4.1: 204 and 304 responses have no content.
        204 or 304 => TypedResults.StatusCode(code),
        _ => TypedResults.Text($"status {code}\n", TextPlain, statusCode: code),
    };

    private static async Task Echo(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        if (request.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }

        await request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
