namespace SnoopRecorder.Storage.Exchanges;

internal static class BodySideText
{
    public static string ToText(this BodySide side) => side == BodySide.Request ? "request" : "response";
}
