using EdgePbx.Routing.Evaluation;

namespace EdgePbx.Switchboard.Menus;

/// <summary>
/// One play of a menu: the prompt, then digit collection. The first key stops the prompt (barge-in). An entry
/// is complete when no option key and (with direct dialling) no extension number is longer and starts with the
/// keys so far; otherwise the run waits <see cref="InterDigit"/> for the next key, and "#" ends the entry at
/// once. Without a key, <see cref="MenuStep.TimeoutSeconds"/> after the prompt has played is a timeout. What the
/// entry means (option, extension, retry) is the evaluator's business: the run only hands the entry over.
/// </summary>
public sealed class MenuRun
{
    private readonly IMenuHost _host;
    private readonly IReadOnlyCollection<string> _optionKeys;
    private readonly IReadOnlyCollection<string> _extensions;
    private readonly System.Text.StringBuilder _entry = new();
    private ITimer? _timer;
    private int _generation;

    /// <param name="step">The menu to run (its prompt, or the retry prompt when the step carries one).</param>
    /// <param name="optionKeys">The menu's option keys ("1", "#", and longer ones if a plan has them).</param>
    /// <param name="extensions">Extension numbers the caller may dial directly (empty without direct dialling).</param>
    /// <param name="interDigit">How long to wait for the next key while the entry could still grow.</param>
    /// <param name="host">The call.</param>
    public MenuRun(MenuStep step, IReadOnlyCollection<string> optionKeys, IReadOnlyCollection<string> extensions, TimeSpan interDigit, IMenuHost host)
    {
        ArgumentNullException.ThrowIfNull(step);
        Step = step;
        _optionKeys = optionKeys;
        _extensions = step.DirectDial ? extensions : [];
        InterDigit = interDigit;
        _host = host;
    }

    public MenuStep Step { get; }

    public TimeSpan InterDigit { get; }

    public MenuRunState State { get; private set; } = MenuRunState.Created;

    /// <summary>The keys so far.</summary>
    public string Entry => _entry.ToString();

    public void Start()
    {
        if (State != MenuRunState.Created)
        {
            return;
        }

        State = MenuRunState.Prompting;
        _host.PlayPrompt(Step.RetryPrompt ?? Step.Prompt);
    }

    /// <summary>The prompt has played to its end: the caller has the menu's timeout to key.</summary>
    public void PromptFinished()
    {
        if (State != MenuRunState.Prompting)
        {
            return;
        }

        State = MenuRunState.Waiting;
        Restart(TimeSpan.FromSeconds(Math.Max(1, Step.TimeoutSeconds)), () => Complete(null));
    }

    public void OnDigit(char digit)
    {
        if (State is MenuRunState.Created or MenuRunState.Done)
        {
            return;
        }

        if (State == MenuRunState.Prompting)
        {
            _host.StopPrompt();
        }

        State = MenuRunState.Collecting;
        if (digit == '#' && _entry.Length > 0)
        {
            Complete(Entry);
            return;
        }

        _entry.Append(digit);
        var entry = Entry;
        if (CouldGrow(entry))
        {
            Restart(InterDigit, () => Complete(Entry));
            return;
        }

        Complete(entry);
    }

    /// <summary>The call left the menu another way (fax, hang-up): no more timers, no entry.</summary>
    public void Stop()
    {
        State = MenuRunState.Done;
        _timer?.Dispose();
        _timer = null;
    }

    private bool CouldGrow(string entry)
    {
        foreach (var key in _optionKeys)
        {
            if (key.Length > entry.Length && key.StartsWith(entry, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var ext in _extensions)
        {
            if (ext.Length > entry.Length && ext.StartsWith(entry, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Restart(TimeSpan due, Action action)
    {
        _timer?.Dispose();

        // A timer already posted when it was replaced must not act: only the newest one counts.
        var generation = ++_generation;
        _timer = _host.Schedule(due, () =>
        {
            if (State != MenuRunState.Done && generation == _generation)
            {
                action();
            }
        });
    }

    private void Complete(string? entry)
    {
        if (State == MenuRunState.Done)
        {
            return;
        }

        Stop();
        _host.MenuEntry(this, entry);
    }
}
