namespace EdgePbx.Switchboard.Menus;

/// <summary>What a <see cref="MenuRun"/> needs from its call; every method runs on the call's partition.</summary>
public interface IMenuHost
{
    /// <summary>
    /// Starts playing the prompt to the caller; the host calls <see cref="MenuRun.PromptFinished"/> when it has
    /// played (a missing file plays a short tone instead, and finishes too).
    /// </summary>
    void PlayPrompt(string prompt);

    /// <summary>Barge-in: the caller keyed during the prompt; stop it.</summary>
    void StopPrompt();

    /// <summary>A one-shot timer whose callback runs on the call's partition.</summary>
    ITimer Schedule(TimeSpan due, Action action);

    /// <summary>The caller's entry is complete: <paramref name="digits"/> keyed, or null on a timeout.</summary>
    void MenuEntry(MenuRun run, string? digits);
}
