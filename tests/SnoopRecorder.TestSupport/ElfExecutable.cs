using System.Buffers.Binary;

namespace SnoopRecorder.TestSupport;

/// <summary>Reads just enough of an ELF file to tell whether it runs without a dynamic loader (in a scratch image).</summary>
internal static class ElfExecutable
{
    private const uint ProgramHeaderInterpreter = 3;

    /// <summary>A 64-bit little-endian ELF executable without a PT_INTERP program header needs no dynamic loader.</summary>
    public static bool IsStatic(ReadOnlySpan<byte> elf)
    {
        const int ProgramHeaderOffsetField = 0x20, ProgramHeaderSizeField = 0x36, ProgramHeaderCountField = 0x38;
        if (elf.Length < 0x40 || !elf[..4].SequenceEqual("\u007fELF"u8) || elf[4] != 2 || elf[5] != 1)
        {
            return false;
        }

        var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf[ProgramHeaderOffsetField..]);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(elf[ProgramHeaderSizeField..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf[ProgramHeaderCountField..]);
        for (var i = 0; i < count; i++)
        {
            var header = offset + (i * size);
            if (header + 4 > elf.Length)
            {
                return false;
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(elf[header..]) == ProgramHeaderInterpreter)
            {
                return false;
            }
        }

        return true;
    }
}
