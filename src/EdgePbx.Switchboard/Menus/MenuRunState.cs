namespace EdgePbx.Switchboard.Menus;

/// <summary>Where one play of a menu stands; only <see cref="MenuRun"/> moves it.</summary>
public enum MenuRunState
{
    Created,

    /// <summary>The prompt plays; a key stops it.</summary>
    Prompting,

    /// <summary>The prompt has played; the menu's timeout runs.</summary>
    Waiting,

    /// <summary>Keys have come; the inter-digit timeout runs while the entry could grow.</summary>
    Collecting,

    /// <summary>The entry was handed over, or the run was stopped.</summary>
    Done,
}
