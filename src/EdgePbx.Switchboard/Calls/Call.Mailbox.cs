using EdgePbx.Media.Prompts;
using EdgePbx.Media.Sdp;
using EdgePbx.Media.Tones;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Voicemail;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// A registered phone on the voicemail access number: the <see cref="MailboxMenu"/> state machine decides, this
/// part plays its prompts (recorded files, or tone patterns when there are none), the messages, and carries out
/// delete / save (each followed by the owner's NOTIFY) and greeting recording. A key stops what is playing.
/// </summary>
internal sealed partial class Call
{
    private MailboxMenu? _mailboxMenu;
    private string? _mailbox;
    private int _menuGeneration;
    private VoicemailRecording? _greeting;
    private string? _greetingPath;
    private GreetingKind _greetingKind;

    /// <summary>Phone <paramref name="extension"/> dialled the access number (it authenticated as that extension).</summary>
    public void StartMailbox(PlanSnapshot plan, string extension) => Safely(() =>
    {
        Plan = plan;
        Begin(extension);
        _destination = "mailbox:" + extension;
        _maxCallSeconds = plan.Plan.Limits.MaxCallSeconds;
        if (_services.Voicemail is not { } boxes || !boxes.HasBox(extension))
        {
            Refuse(404, CallOutcome.Failed, $"extension {extension} has no voicemail box");
            return;
        }

        var session = _inbound.Negotiate(out var status, out var reason);
        if (session is null)
        {
            Refuse(status, CallOutcome.Failed, reason);
            return;
        }

        _media = new CallMedia(_services.Clock, session, () => Run(OnSourceFinished), () => Run(OnMediaTimeout));
        _media.Input = ListenToCaller();
        _mailbox = extension;
        Phase = CallPhase.Mailbox;
        _inbound.Answer();
        _mailboxMenu = new MailboxMenu(pin => boxes.VerifyPin(extension, pin), boxes.Options.PinAttempts, boxes.Messages(extension));
        DigitInput = digit => Feed(MenuInput.Key(digit));
        Feed(MenuInput.Start);
    });

    private void Feed(MenuInput input)
    {
        if (_mailboxMenu is null || Phase != CallPhase.Mailbox)
        {
            return;
        }

        if (input.Kind == MenuInputKind.Digit)
        {
            // Barge-in: a key stops the prompt or message, and any timer or playback end still pending is stale.
            _menuGeneration++;
            _media!.Play(null);
        }

        Execute(_mailboxMenu.Handle(input));
    }

    private void Execute(IReadOnlyList<MenuCommand> commands)
    {
        var boxes = _services.Voicemail!;
        var codec = _inbound.Media!.Codec;
        var audio = new List<IFrameSource>();
        var endsWithMessage = false;
        GreetingKind? recordAfter = null;
        foreach (var command in commands)
        {
            switch (command)
            {
                case PlayPrompt p:
                    audio.Add(MenuAudio(p, codec));
                    endsWithMessage = false;
                    break;
                case PlayMessage m:
                    if (WavPromptLoader.Load(boxes.PathOf(m.Message), codec).Audio is { } message)
                    {
                        audio.Add(new PromptSource(message, loop: false));
                    }

                    endsWithMessage = true;
                    break;
                case DeleteMessage d:
                    _ = boxes.DeleteAsync(d.Message);
                    break;
                case SaveMessage s:
                    _ = boxes.SaveAsync(s.Message);
                    break;
                case StartGreeting g:
                    recordAfter = g.Kind;
                    break;
                case FinishGreeting:
                    FinishGreetingRecording(keep: true);
                    break;
                case HangUp h:
                    HangUpBoth(CallOutcome.Answered, "mailbox: " + h.Reason);
                    return;
                default:
                    break;
            }
        }

        var generation = ++_menuGeneration;
        if (audio.Count == 0)
        {
            if (endsWithMessage)
            {
                Run(() => Feed(MenuInput.PlaybackEnded));
            }
            else
            {
                ArmMenuTimeout(generation);
            }

            return;
        }

        _media!.Play(new EndingSource(new SequenceSource(audio), () => Run(() =>
        {
            if (generation != _menuGeneration || Phase != CallPhase.Mailbox)
            {
                return;
            }

            if (recordAfter is { } kind)
            {
                BeginGreetingRecording(kind);
            }
            else if (endsWithMessage)
            {
                Feed(MenuInput.PlaybackEnded);
            }
            else
            {
                ArmMenuTimeout(generation);
            }
        })));
    }

    private void ArmMenuTimeout(int generation)
    {
        if (_mailboxMenu?.State is MailboxMenuState.Done or MailboxMenuState.Greeting)
        {
            return;
        }

        Schedule(_services.Voicemail!.Options.MenuTimeout, () =>
        {
            if (generation == _menuGeneration)
            {
                Feed(MenuInput.Timeout);
            }
        });
    }

    private void BeginGreetingRecording(GreetingKind kind)
    {
        var boxes = _services.Voicemail!;
        var (file, path, error) = boxes.CreateGreetingFile(_mailbox!, kind);
        if (file is null)
        {
            EngineLog.VoicemailUnavailable(_services.Logger, Key, _mailbox!, error ?? "greeting file");
            Execute(_mailboxMenu!.Handle(MenuInput.Timeout));
            return;
        }

        var media = _inbound.Media!;
        _greetingPath = path;
        _greetingKind = kind;
        _greeting = new VoicemailRecording(file, media.Codec, media.PayloadType, boxes.Options.MaxGreetingLength, boxes.Options.SilenceTimeout, boxes.Options.SilenceLevel, _services.Time,
            _ => Run(() => Feed(MenuInput.Timeout)));
        var session = _media!.Caller;
        session.Receiver = new RecordingReceiver(session.Receiver, _greeting);
    }

    private void FinishGreetingRecording(bool keep)
    {
        if (_greeting is not { } recording)
        {
            return;
        }

        if (_media?.Caller is { Receiver: RecordingReceiver r } session)
        {
            session.Receiver = r.Inner;
        }

        _greeting = null;
        var complete = recording.Finish(keepHeldSilence: false);
        var boxes = _services.Voicemail!;
        if (keep && complete && recording.Recorded >= ShortestMessage && boxes.CommitGreeting(_mailbox!, _greetingKind, _greetingPath!) is null)
        {
            return;
        }

        try
        {
            File.Delete(_greetingPath!);
        }
        catch (IOException)
        {
            // A stray temporary file is harmless: the next recording overwrites it.
        }
    }

    /// <summary>From <see cref="CloseVoicemail"/>: a mailbox call ending; a greeting being recorded is dropped.</summary>
    private (CallOutcome, string) CloseMailbox(CallOutcome outcome, string reason)
    {
        FinishGreetingRecording(keep: false);
        return outcome == CallOutcome.Missed ? (CallOutcome.Answered, "mailbox: the phone hung up") : (outcome, reason);
    }

    /// <summary>A menu prompt: prompts/vm-NAME.wav when the installer provided one, otherwise its tone pattern.</summary>
    private IFrameSource MenuAudio(PlayPrompt prompt, AudioCodec codec)
    {
        var name = "prompts/vm-" + string.Concat(prompt.Prompt.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())) + ".wav";
        if (prompt.Prompt != MenuPrompt.NewMessages && _services.Prompts.Get(name, codec).Audio is { } recorded)
        {
            return new PromptSource(recorded, loop: false);
        }

        IFrameSource Beep(double hz, int ms) => new TimedSource(_services.Tone(ToneSpec.Continuous(-10, hz), codec), ms / 20);
        IFrameSource Gap(int ms) => TimedSource.Silence(codec, ms / 20);
        IFrameSource[] parts = prompt.Prompt switch
        {
            MenuPrompt.EnterPin => [Beep(440, 300)],
            MenuPrompt.PinWrong => [Beep(300, 160), Gap(100), Beep(300, 160), Gap(100), Beep(300, 160), Gap(200)],
            // One short beep per new message (at most nine), a low tone for none.
            MenuPrompt.NewMessages when prompt.Count == 0 => [Beep(400, 300), Gap(300)],
            MenuPrompt.NewMessages => [.. Enumerable.Range(0, Math.Min(prompt.Count, 9)).SelectMany(_ => new[] { Beep(1000, 100), Gap(160) }), Gap(300)],
            MenuPrompt.Deleted => [Beep(660, 100), Gap(100), Beep(660, 100), Gap(200)],
            MenuPrompt.Saved => [Beep(990, 100), Gap(100), Beep(990, 100), Gap(200)],
            MenuPrompt.NoMessages or MenuPrompt.NoMoreMessages => [Beep(400, 500), Gap(200)],
            MenuPrompt.RecordAfterBeep => [Beep(1000, 500)],
            MenuPrompt.GreetingSaved => [Beep(990, 200), Gap(200)],
            _ => [Beep(880, 100)],
        };
        return new SequenceSource(parts);
    }
}
