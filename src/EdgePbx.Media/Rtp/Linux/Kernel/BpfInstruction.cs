using System.Runtime.InteropServices;

namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>One eBPF instruction as the kernel reads it (struct bpf_insn): opcode, registers, offset, immediate.</summary>
[StructLayout(LayoutKind.Sequential, Size = 8)]
internal readonly struct BpfInstruction(byte code, byte destination, byte source, short offset, int immediate)
{
    public readonly byte Code = code;
    public readonly byte Registers = (byte)((source << 4) | (destination & 0x0F));
    public readonly short Offset = offset;
    public readonly int Immediate = immediate;
}
