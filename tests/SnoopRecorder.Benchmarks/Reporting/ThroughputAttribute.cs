namespace SnoopRecorder.Benchmarks.Reporting;

/// <summary>Names what one operation of the benchmarks in a class consumes; read by <see cref="MegabytesPerSecondColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ThroughputAttribute : Attribute
{
    public ThroughputAttribute(ThroughputBasis basis) => Basis = basis;

    public ThroughputBasis Basis { get; }
}
