namespace SnoopRecorder.TestSupport.Fuzzing;

public sealed partial class CaptureMutator
{
    // libpcap's largest snapshot length (MAXIMUM_SNAPLEN) and pcapng's largest block it reads (16 MiB, MAX_BLOCKSIZE).
    private const uint MaxSnapLength = 262_144;
    private const uint MaxPcapNgBlock = 16 * 1024 * 1024;

    private static readonly ushort[] Interesting16 = [0, 1, 0x7FFF, 0x8000, 0xFFFF, 20, 40, 54, 1500];
    private static readonly uint[] Interesting32 = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE];

    private static string SetRecordLength(List<CaptureRecord> records, CaptureLayout layout, Random random)
    {
        if (records.Count == 0)
        {
            return "no record";
        }

        var index = random.Next(records.Count);
        var record = records[index];
        var field = record.LengthFields[random.Next(record.LengthFields.Length)];
        var bytes = (byte[])record.Bytes.Clone();
        var actual = CaptureLayout.Read(bytes.AsSpan(field), layout.BigEndian);
        var remaining = (uint)records.Skip(index).Sum(r => r.Bytes.Length);
        uint[] values =
        [
            0, 1, 0x7FFFFFFF, 0xFFFFFFFF, MaxSnapLength, MaxSnapLength + 1, MaxPcapNgBlock, MaxPcapNgBlock + 1,
            actual + 1, actual - 1, actual + 4, remaining + 1, (uint)random.Next(),
        ];
        var value = values[random.Next(values.Length)];
        CaptureLayout.Write(bytes.AsSpan(field), value, layout.BigEndian);
        records[index] = record with { Bytes = bytes };
        return $"record {index} length field at +{field}: {actual} -> {value}";
    }

    private static string SetFrameField(List<CaptureRecord> records, Random random)
    {
        var packets = records.Select((r, i) => (r, i)).Where(p => p.r.IsPacket && p.r.Bytes.Length > p.r.FrameOffset + 4).ToList();
        if (packets.Count == 0)
        {
            return "no packet";
        }

        var (record, index) = packets[random.Next(packets.Count)];
        var bytes = (byte[])record.Bytes.Clone();
        var frameLength = bytes.Length - record.FrameOffset;
        var wide = random.Next(2) == 0;
        var size = wide ? 4 : 2;
        var at = record.FrameOffset + random.Next(Math.Min(frameLength, 80) - size + 1);
        string value;
        if (wide)
        {
            var v = Interesting32[random.Next(Interesting32.Length)];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), v);
            value = $"0x{v:X8}";
        }
        else
        {
            var v = Interesting16[random.Next(Interesting16.Length)];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), v);
            value = $"0x{v:X4}";
        }

        records[index] = record with { Bytes = bytes };
        return $"record {index} frame byte {at - record.FrameOffset} = {value}";
    }

    private string Splice(List<CaptureRecord> records, CaptureLayout layout, Random random)
    {
        // Mostly from a capture of the same kind; sometimes from the other kind, whose records make no sense here.
        var sameKind = seeds.Where(s => s.Layout.Kind == layout.Kind).ToList();
        var donors = random.Next(5) == 0 || sameKind.Count == 0 ? seeds : sameKind;
        var donor = donors[random.Next(donors.Count)];
        var candidates = donor.Layout.Records.Where(r => r.IsPacket).ToList();
        if (candidates.Count == 0)
        {
            return "donor without packets";
        }

        var take = Math.Min(candidates.Count, 1 + random.Next(8));
        var start = random.Next(candidates.Count - take + 1);
        var spliced = candidates.GetRange(start, take);
        var at = random.Next(records.Count + 1);
        var replace = random.Next(2) == 0 ? Math.Min(take, records.Count - at) : 0;
        records.RemoveRange(at, replace);
        records.InsertRange(at, spliced);
        return $"{take} records of {donor.Name} from {start} at {at}, replacing {replace}";
    }

    private static string Duplicate(List<CaptureRecord> records, Random random)
    {
        if (records.Count == 0)
        {
            return "no record";
        }

        var index = random.Next(records.Count);
        var copies = random.Next(4) == 0 ? 1 + random.Next(300) : 1;
        var at = random.Next(2) == 0 ? index : random.Next(records.Count + 1);
        records.InsertRange(at, Enumerable.Repeat(records[index], copies));
        return $"record {index} x{copies} at {at}";
    }

    private static string Reorder(List<CaptureRecord> records, Random random)
    {
        if (records.Count < 2)
        {
            return "fewer than two records";
        }

        var a = random.Next(records.Count);
        var b = random.Next(records.Count);
        switch (random.Next(3))
        {
            case 0:
                (records[a], records[b]) = (records[b], records[a]);
                return $"swapped {a} and {b}";
            case 1:
                var (from, to) = (Math.Min(a, b), Math.Max(a, b));
                records.Reverse(from, to - from + 1);
                return $"reversed {from}..{to}";
            default:
                var start = Math.Min(a, records.Count - 2);
                var length = Math.Min(records.Count - start, 2 + random.Next(32));
                var window = records.GetRange(start, length);
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window));
                records.RemoveRange(start, length);
                records.InsertRange(start, window);
                return $"shuffled {start}..{start + length - 1}";
        }
    }
}
