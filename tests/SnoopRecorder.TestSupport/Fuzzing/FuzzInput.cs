namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>One mutant: its bytes, the seed file it came from and what was done to it.</summary>
public sealed record FuzzInput(byte[] Bytes, string Origin, IReadOnlyList<MutationKind> Kinds, string Description);
