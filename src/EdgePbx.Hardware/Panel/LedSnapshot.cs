using EdgePbx.Hardware.Leds;

namespace EdgePbx.Hardware.Panel;

/// <summary>One LED as the web page draws it: "line1".."lineN" or a status name, its pattern and its level now.</summary>
public sealed record LedSnapshot(string Id, LedPattern Pattern, bool Lit);
