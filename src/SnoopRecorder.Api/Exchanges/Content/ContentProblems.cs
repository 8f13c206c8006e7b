using Microsoft.AspNetCore.Http.HttpResults;
using SnoopRecorder.Http.Content;
using SnoopRecorder.Storage.Exchanges;

namespace SnoopRecorder.Api.Exchanges.Content;

/// <summary>Problem responses (RFC 7807) of the body endpoints.</summary>
internal static class ContentProblems
{
    public static ProblemHttpResult UnknownCoding(BodySide side, string coding) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Unknown content coding",
        detail: $"the {(side == BodySide.Request ? "request" : "response")} body's Content-Encoding names '{coding}', " +
                $"which this service cannot decode (it decodes {ContentCodings.Supported}); " +
                "ask without ?decode=true for the body as it was sent");
}
