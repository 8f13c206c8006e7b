namespace SnoopRecorder.Http.Parsing;

internal enum DeferredEventKind : byte
{
    Data,
    Gap,
    End,
}
