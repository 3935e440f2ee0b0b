namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>ALU operations (the op bits of an ALU opcode).</summary>
internal enum BpfAlu : byte
{
    Add = 0x00,
    Sub = 0x10,
    Div = 0x30,
    And = 0x50,
    Rsh = 0x70,
    Neg = 0x80,
}

/// <summary>Conditional jumps (the op bits of a JMP opcode); Ge/Gt unsigned, Sge/Sgt signed.</summary>
internal enum BpfJump : byte
{
    Eq = 0x10,
    Gt = 0x20,
    Ge = 0x30,
    Ne = 0x50,
    Sge = 0x70,
}

/// <summary>Memory access widths.</summary>
internal enum BpfSize : byte
{
    Word = 0x00,
    Half = 0x08,
    Byte = 0x10,
    DoubleWord = 0x18,
}

/// <summary>The kernel helpers the forwarding program calls (enum bpf_func_id in linux/bpf.h).</summary>
internal enum BpfHelper
{
    MapLookupElement = 1,
    KtimeGetNanoseconds = 5,
    SkbStoreBytes = 9,
    L3ChecksumReplace = 10,
    L4ChecksumReplace = 11,
    Redirect = 23,
    SkbLoadBytes = 26,
    RedirectNeighbour = 152,
}
