namespace EdgePbx.Media.Rtp.Linux.Kernel;

/// <summary>
/// Writes an eBPF program instruction by instruction (the encodings of the kernel's
/// Documentation/bpf/standardization/instruction-set.rst), with named labels for jumps, so that the program
/// reads as assembly with comments rather than as a table of numbers. Registers are 0-10 (r10: the frame pointer).
/// </summary>
internal sealed class BpfAssembler
{
    // Classes, sizes, modes and sources of the opcode byte.
    private const byte Ld = 0x00, Ldx = 0x01, St = 0x02, Stx = 0x03, Alu = 0x04, Jmp = 0x05, Jmp32 = 0x06, Alu64 = 0x07;
    private const byte Imm = 0x00, Mem = 0x60, Atomic = 0xC0;
    private const byte K = 0x00, X = 0x08;
    private const byte Mov = 0xB0, End = 0xD0, ToBe = 0x08;
    private const byte Call = 0x80, Exit = 0x90, Ja = 0x00;
    private const byte PseudoMapFd = 1;

    private readonly List<BpfInstruction> _code = [];
    private readonly Dictionary<string, int> _labels = [];
    private readonly List<(int At, string Label)> _jumps = [];

    public void Label(string name)
    {
        if (!_labels.TryAdd(name, _code.Count))
        {
            throw new InvalidOperationException($"label {name} defined twice");
        }
    }

    /// <summary>dst = imm (64-bit, sign-extended).</summary>
    public void MovImm(byte dst, int imm) => Emit(Alu64 | Mov | K, dst, 0, 0, imm);

    /// <summary>dst = src (64-bit).</summary>
    public void MovReg(byte dst, byte src) => Emit(Alu64 | Mov | X, dst, src, 0, 0);

    /// <summary>dst = dst op imm (64-bit).</summary>
    public void Alu64Imm(BpfAlu op, byte dst, int imm) => Emit((byte)(Alu64 | (byte)op | K), dst, 0, 0, imm);

    /// <summary>dst = dst op src (64-bit).</summary>
    public void Alu64Reg(BpfAlu op, byte dst, byte src) => Emit((byte)(Alu64 | (byte)op | X), dst, src, 0, 0);

    /// <summary>dst = (u32)(dst op imm): the upper half is cleared.</summary>
    public void Alu32Imm(BpfAlu op, byte dst, int imm) => Emit((byte)(Alu | (byte)op | K), dst, 0, 0, imm);

    /// <summary>dst = (u32)(dst op src).</summary>
    public void Alu32Reg(BpfAlu op, byte dst, byte src) => Emit((byte)(Alu | (byte)op | X), dst, src, 0, 0);

    /// <summary>dst = to-big-endian(dst) of the low 16 or 32 bits (the network byte order of a field).</summary>
    public void ToBigEndian(byte dst, int bits) => Emit(Alu | End | ToBe, dst, 0, 0, bits);

    /// <summary>dst = *(size *)(src + offset).</summary>
    public void Load(BpfSize size, byte dst, byte src, short offset) => Emit((byte)(Ldx | Mem | (byte)size), dst, src, offset, 0);

    /// <summary>*(size *)(dst + offset) = src.</summary>
    public void Store(BpfSize size, byte dst, short offset, byte src) => Emit((byte)(Stx | Mem | (byte)size), dst, src, offset, 0);

    /// <summary>*(size *)(dst + offset) = imm.</summary>
    public void StoreImm(BpfSize size, byte dst, short offset, int imm) => Emit((byte)(St | Mem | (byte)size), dst, 0, offset, imm);

    /// <summary>*(u64 *)(dst + offset) += src, atomically (another CPU may count the same stream).</summary>
    public void AtomicAdd64(byte dst, short offset, byte src) => Emit((byte)(Stx | Atomic | (byte)BpfSize.DoubleWord), dst, src, offset, 0);

    /// <summary>dst = the map with file descriptor <paramref name="mapFd"/> (a two-slot 64-bit immediate load).</summary>
    public void LoadMap(byte dst, int mapFd)
    {
        Emit(Ld | Imm | (byte)BpfSize.DoubleWord, dst, PseudoMapFd, 0, mapFd);
        Emit(0, 0, 0, 0, 0);
    }

    /// <summary>if (dst op imm) goto label (64-bit compare).</summary>
    public void JumpImm(BpfJump op, byte dst, int imm, string label) => EmitJump((byte)(Jmp | (byte)op | K), dst, 0, imm, label);

    /// <summary>if (dst op src) goto label (64-bit compare).</summary>
    public void JumpReg(BpfJump op, byte dst, byte src, string label) => EmitJump((byte)(Jmp | (byte)op | X), dst, src, 0, label);

    /// <summary>if ((s32/u32)dst op imm) goto label (32-bit compare).</summary>
    public void Jump32Imm(BpfJump op, byte dst, int imm, string label) => EmitJump((byte)(Jmp32 | (byte)op | K), dst, 0, imm, label);

    public void Goto(string label) => EmitJump(Jmp | Ja, 0, 0, 0, label);

    /// <summary>r0 = helper(r1..r5); r1-r5 are clobbered.</summary>
    public void CallHelper(BpfHelper helper) => Emit(Jmp | Call, 0, 0, 0, (int)helper);

    public void Return() => Emit(Jmp | Exit, 0, 0, 0, 0);

    /// <summary>The program, jumps resolved.</summary>
    public BpfInstruction[] Build()
    {
        var code = _code.ToArray();
        foreach (var (at, label) in _jumps)
        {
            if (!_labels.TryGetValue(label, out var target))
            {
                throw new InvalidOperationException($"jump to undefined label {label}");
            }

            var old = code[at];
            code[at] = new BpfInstruction(old.Code, (byte)(old.Registers & 0x0F), (byte)(old.Registers >> 4), checked((short)(target - at - 1)), old.Immediate);
        }

        return code;
    }

    private void EmitJump(byte code, byte dst, byte src, int imm, string label)
    {
        _jumps.Add((_code.Count, label));
        Emit(code, dst, src, 0, imm);
    }

    private void Emit(int code, byte dst, byte src, short offset, int imm) => _code.Add(new BpfInstruction((byte)code, dst, src, offset, imm));
}
