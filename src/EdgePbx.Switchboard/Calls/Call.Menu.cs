using EdgePbx.Media.Fax;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Menus;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// The fourth part of <see cref="Call"/>: IVR menus (prompt, digits, retries, nesting and "back") and the fax
/// tones heard while the caller is in welcome audio or a menu.
/// </summary>
internal sealed partial class Call : IMenuHost
{
    private MenuNavigator? _navigator;
    private IReadOnlyList<RouteStep> _faxSteps = [];
    private CallFacts? _facts;
    private MenuRun? _menu;
    private bool _fax;
    private bool _cedHeard;

    /// <summary>Each menu entry in order: "main:1", "main:timeout", "main:invalid(55)".</summary>
    public string MenuChoices => _navigator is null ? string.Empty : string.Join(' ', _navigator.Choices);

    public void PlayPrompt(string prompt)
    {
        var codec = _inbound.Media!.Codec;
        var loaded = _services.Prompts.Get(prompt, codec);
        if (loaded.Audio is { } audio)
        {
            _media!.Play(new PromptSource(audio, loop: false));
            return;
        }

        // Never silence forever: the caller hears a short tone, then the menu waits for keys as usual.
        EngineLog.PromptMissing(_services.Logger, Key, loaded.Error ?? prompt);
        var frames = Math.Max(1, (int)(_services.Options.MissingPromptToneTime.TotalMilliseconds / 20));
        _media!.Play(new LimitedSource(_services.Tone(_services.Options.Tones.Dial, codec), frames));
    }

    public void StopPrompt() => _media?.Play(null);

    public void MenuEntry(MenuRun run, string? digits)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!ReferenceEquals(run, _menu) || Phase != CallPhase.Menu || _navigator is not { } navigator)
        {
            return;
        }

        DigitInput = null;
        var plan = Plan!;
        var facts = _facts ?? new CallFacts(Caller, Called);
        var next = navigator.Entry(run.Step, digits, (menu, entry, failed) => _services.Router.AfterMenu(plan, menu, entry, failed, facts));
        EngineLog.MenuEntry(_services.Logger, Key, run.Step.MenuId, digits ?? "(timeout)", next.Trace);
        if (next.Retry is { } again)
        {
            PlayMenu(again);
            return;
        }

        _steps.Clear();
        foreach (var step in next.Steps)
        {
            _steps.Enqueue(step);
        }

        RunNextStep();
    }

    private void StartMenu(MenuStep step)
    {
        _navigator ??= new MenuNavigator(Plan!.Plan);
        _navigator.Enter(step);
        PlayMenu(step);
    }

    private void PlayMenu(MenuStep step)
    {
        Phase = CallPhase.Menu;
        _inbound.SendEarlyMedia();
        var plan = Plan!.Plan;
        IReadOnlyCollection<string> keys = plan.Menus.TryGetValue(step.MenuId, out var menu) ? [.. menu.Options.Keys] : [];
        _menu?.Stop();
        var run = new MenuRun(step, keys, [.. plan.Extensions.Keys], _services.Options.MenuInterDigitTimeout, this);
        _menu = run;
        DigitInput = run.OnDigit;
        run.Start();
    }

    /// <summary>A menu's "back": the menu before the current one (at the first menu, that menu again).</summary>
    private void GoBack()
    {
        if (_navigator?.Back() is not { } previous)
        {
            Refuse(480, CallOutcome.Failed, "\"back\" with no menu to go back to");
            return;
        }

        PlayMenu(previous);
    }

    private void StopMenu()
    {
        _menu?.Stop();
        _menu = null;
        DigitInput = null;
    }

    private void FaxToneHeard(FaxTone tone, bool outbound)
    {
        if (outbound)
        {
            _cedHeard |= tone == FaxTone.Ced;
            return;
        }

        if (tone != FaxTone.Cng || _fax || Phase is not (CallPhase.Welcome or CallPhase.Menu))
        {
            return;
        }

        if (_faxSteps.Count == 0)
        {
            EngineLog.FaxWithoutDestination(_services.Logger, Key);
            return;
        }

        // T.30 CNG: a calling fax machine. Its media goes to the fax destination untouched (see RingMember/OnLegAnswered).
        _fax = true;
        StopMenu();
        _media?.Play(null);
        _media?.Input?.StopInBand();
        _destination = string.Empty;
        _steps.Clear();
        foreach (var step in _faxSteps)
        {
            _steps.Enqueue(step);
        }

        RunNextStep();
    }

    private CallerInput ListenToAnsweredLeg(Legs.OutboundLeg leg) => new(
        leg.Media!,
        detectDigits: false,
        static (_, _) => { },
        tone => Run(() => OnFaxTone(tone, outbound: true)),
        listenFrames: _services.Options.CedListenFrames);
}
