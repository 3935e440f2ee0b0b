namespace EdgePbx.Media.Fax;

/// <summary>Fax tones (ITU-T T.30): CNG from the calling machine, CED/ANS from the answering one.</summary>
public enum FaxTone
{
    None,

    /// <summary>1100 Hz, 0.5 s on / 3 s off (T.30 5.2.1).</summary>
    Cng,

    /// <summary>2100 Hz answer tone (T.30 CED, V.25 ANS, V.8 ANSam with phase reversals).</summary>
    Ced,
}
