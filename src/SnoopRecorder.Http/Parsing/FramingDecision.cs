namespace SnoopRecorder.Http.Parsing;

/// <summary>The body framing of one message, or why it could not be decided.</summary>
internal readonly record struct FramingDecision(BodyFraming Framing, long ContentLength = 0, bool Malformed = false)
{
    public static readonly FramingDecision NoBody = new(BodyFraming.None);
    public static readonly FramingDecision Invalid = new(BodyFraming.None, Malformed: true);
}
