namespace SnoopRecorder.Storage.Exchanges;

/// <summary>An inclusive range of final status codes; a single code is a range of one.</summary>
public readonly record struct StatusRange(int Min, int Max)
{
    public bool IsSingleCode => Min == Max;
}
