using System.Text;

namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>
/// Makes mutants of real captures: record-level edits first (lengths, frame fields, HTTP text, splices, duplicates,
/// reorderings) on the parsed records, then byte-level ones (bit flips, overwrites) and a truncation on the written file.
/// Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed partial class CaptureMutator(IReadOnlyList<SeedCapture> seeds)
{
    private static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF];

    public FuzzInput Mutate(Random random)
    {
        var seed = seeds[random.Next(seeds.Count)];
        var count = random.Next(10) switch
        {
            < 6 => 1,
            < 9 => 2,
            _ => 3,
        };
        var kinds = Enumerable.Range(0, count).Select(_ => Kinds[random.Next(Kinds.Length)]).Order().ToList();
        var description = new StringBuilder();
        var records = seed.Layout.Records.ToList();
        foreach (var kind in kinds)
        {
            if (kind is MutationKind.BitFlip or MutationKind.ByteOverwrite or MutationKind.Truncation)
            {
                continue;
            }

            description.Append(kind).Append(": ").Append(MutateRecords(kind, records, seed.Layout, random)).Append("; ");
        }

        var bytes = seed.Layout.ToBytes(records);
        foreach (var kind in kinds.Where(k => k is MutationKind.BitFlip or MutationKind.ByteOverwrite))
        {
            description.Append(kind).Append(": ").Append(MutateBytes(kind, bytes, random)).Append("; ");
        }

        if (kinds.Contains(MutationKind.Truncation) && bytes.Length > 0)
        {
            var length = random.Next(bytes.Length);
            description.Append($"Truncation: {bytes.Length} -> {length} bytes; ");
            bytes = bytes[..length];
        }

        return new FuzzInput(bytes, seed.Name, kinds, description.ToString().TrimEnd(' ', ';'));
    }

    private string MutateRecords(MutationKind kind, List<CaptureRecord> records, CaptureLayout layout, Random random) => kind switch
    {
        MutationKind.RecordLength => SetRecordLength(records, layout, random),
        MutationKind.FrameField => SetFrameField(records, random),
        MutationKind.Splice => Splice(records, layout, random),
        MutationKind.Duplicate => Duplicate(records, random),
        MutationKind.Reorder => Reorder(records, random),
        MutationKind.HttpText => OverwriteHttpText(records, random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string MutateBytes(MutationKind kind, byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return "empty";
        }

        var count = 1 + random.Next(8);
        var positions = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            // Half the hits land in the first 64 bytes (file and first record headers), where each bit matters most.
            var at = random.Next(2) == 0 ? random.Next(Math.Min(64, bytes.Length)) : random.Next(bytes.Length);
            positions.Add(at);
            if (kind == MutationKind.BitFlip)
            {
                bytes[at] ^= (byte)(1 << random.Next(8));
            }
            else
            {
                bytes[at] = random.Next(6) == 0 ? (byte)random.Next(256) : InterestingBytes[random.Next(InterestingBytes.Length)];
            }
        }

        return $"at {string.Join(',', positions)}";
    }
}
