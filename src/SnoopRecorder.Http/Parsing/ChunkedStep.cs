namespace SnoopRecorder.Http.Parsing;

internal enum ChunkedStep
{
    Size,
    Extension,
    SizeLineFeed,
    Data,
    DataCarriageReturn,
    DataLineFeed,
    Trailer,
    Done,
}
